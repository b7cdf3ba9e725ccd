import type { Socket } from 'node:dgram';
import { boundPort } from '@sockets/shared';

// node:dgram reports through callbacks and 'error' events. These wrappers turn
// each call into a promise that rejects with the error (EADDRINUSE, ENOTFOUND …),
// so a caller can `await` it and let runMain explain it.

/** Bind to HOST:PORT (PORT 0: any free port); resolves with the port the OS gave. */
export function bind(socket: Socket, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      resolve(boundPort(socket.address()));
    });
  });
}

/**
 * Fix the socket's peer, as Go's `net.DialUDP` does (seed 000). Nothing goes
 * on the wire: "connecting" a UDP socket only resolves the name and tells the
 * kernel to send there by default and to deliver datagrams from there only.
 */
export function connect(socket: Socket, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.connect(port, host, (error?: Error) => (error ? reject(error) : resolve()));
  });
}

/** Close the socket; calling it again returns the same promise instead of throwing. */
export function closer(socket: Socket): () => Promise<void> {
  let closed: Promise<void> | undefined;
  return () => {
    closed ??= new Promise((resolve) => socket.close(() => resolve()));
    return closed;
  };
}
