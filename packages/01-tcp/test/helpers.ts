import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { listen } from '@sockets/shared';
import { LineSplitter } from '../src/index.ts';

/** A raw node:net client, connected. */
export async function connectTo(port: number, host = 'localhost'): Promise<Socket> {
  const socket = connect({ port, host });
  await once(socket, 'connect');
  return socket;
}

/** `socket.write` as a promise: resolves once Node has handed the bytes to the OS. */
export function write(socket: Socket, data: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) =>
    socket.write(data, (error) => (error ? reject(error) : resolve())),
  );
}

/** Every line the peer sends until it closes its side (its FIN). */
export function linesUntilEnd(socket: Socket): Promise<string[]> {
  const splitter = new LineSplitter({ maxLineBytes: 1 << 20 });
  const lines: string[] = [];
  socket.on('data', (chunk: Buffer) => lines.push(...splitter.push(chunk)));
  return new Promise((resolve, reject) => {
    socket.once('end', () => resolve(lines));
    socket.once('error', reject);
  });
}

/** A plain node:net server on a free port, for tests that play a misbehaving peer. */
export async function rawServer(
  onConnection: (socket: Socket) => void,
  options: { allowHalfOpen?: boolean; pauseOnConnect?: boolean } = {},
): Promise<{ server: Server; port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer(options, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {}); // a misbehaving peer's errors are the test's business
    onConnection(socket);
  });
  const port = await listen(server, 'localhost', 0);
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  return { server, port, close };
}

/** A port where nothing listens: one the OS just gave us, then closed again. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server, 'localhost', 0);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
