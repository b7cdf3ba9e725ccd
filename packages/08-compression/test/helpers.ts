import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';
import type { EchoServer } from '@sockets/echo';
import { type ReceivedEvent, Receiver } from '@sockets/frames';
import { clientHandshake } from '@sockets/handshake';
import { type CapturedLog, captureLogger } from '@sockets/testkit';
import type { WebSocket } from 'ws';
import { type CompressionServerOptions, startCompressionServer } from '../src/index.ts';

type Track = <T extends () => unknown>(cleanup: T) => T;

/** Our server on a free port with captured logs, closed after the test. */
export async function startServer(
  track: Track,
  options: Partial<CompressionServerOptions> = {},
): Promise<{ server: EchoServer; logged: CapturedLog }> {
  const logged = captureLogger('compression');
  const server = await startCompressionServer({
    host: '127.0.0.1',
    port: 0,
    log: logged.log,
    ...options,
  });
  track(() => server.close());
  return { server, logged };
}

export { nextMessage, wsClient } from '@sockets/testkit';

/** How many bytes the ws client's TCP socket has read: what came over the wire. */
export function bytesRead(socket: WebSocket): number {
  return (socket as unknown as { _socket: Socket })._socket.bytesRead;
}

/**
 * A hostile client: lesson 03's handshake offering `offer`, then whatever
 * bytes the test writes. `events` resolves with what the server sent back
 * (read with lesson 04's receiver) once the server closes TCP.
 */
export async function rawClient(track: Track, url: string, offer: string) {
  const handshake = await clientHandshake(url, { extensions: offer });
  const { socket } = handshake;
  track(() => socket.destroy());
  const receiver = new Receiver({ role: 'client' });
  const events: ReceivedEvent[] = receiver.push(handshake.head);
  socket.on('data', (chunk: Buffer) => events.push(...receiver.push(chunk)));
  socket.on('error', () => {});
  const closed = once(socket, 'close').then(() => events);
  return { socket, agreed: handshake.extensions, events: closed };
}

/**
 * A TCP relay in front of `port` that counts the bytes its clients send: what
 * a browser really put on the wire, compressed or not.
 */
export async function countingRelay(track: Track, port: number) {
  let bytesUp = 0;
  const sockets = new Set<Socket>();
  const relay = createServer((client) => {
    const server = connect(port, '127.0.0.1');
    for (const socket of [client, server]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    }
    client.on('data', (chunk: Buffer) => {
      bytesUp += chunk.length;
    });
    client.pipe(server).pipe(client);
  });
  track(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise((resolve) => relay.close(resolve));
  });
  relay.listen(0, '127.0.0.1');
  await once(relay, 'listening');
  const { port: relayPort } = relay.address() as { port: number };
  return { pageUrl: `http://127.0.0.1:${relayPort}/`, bytesUp: () => bytesUp };
}
