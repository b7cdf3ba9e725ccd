import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { listen } from '@sockets/shared';
import { type Cleanup, captureLogger } from '@sockets/testkit';
import { type HandshakeRequest, type HeaderField, startHandshakeServer } from '../src/index.ts';

/** seed 000's request, as a parsed request (Host changed to the server's). */
export const seedFields: HeaderField[] = [
  ['Host', 'server.example.com'],
  ['Upgrade', 'websocket'],
  ['Connection', 'Upgrade'],
  ['Sec-WebSocket-Key', 'x3JJHMbDL1EzLkh9GBhXDw=='],
  ['Sec-WebSocket-Protocol', 'chat, superchat'],
  ['Sec-WebSocket-Version', '13'],
  ['Origin', 'http://example.com'],
];

export function seedRequest(changes: Partial<HandshakeRequest> = {}): HandshakeRequest {
  return { method: 'GET', target: '/chat', httpVersion: '1.1', fields: seedFields, ...changes };
}

/** seed 000's fields with one header replaced (`undefined` removes it). */
export function withHeader(name: string, value: string | undefined): HeaderField[] {
  const others = seedFields.filter(([field]) => field.toLowerCase() !== name.toLowerCase());
  return value === undefined ? others : [...others, [name, value]];
}

/** A request as text, for writing to a socket. */
export function requestText(
  fields: readonly HeaderField[],
  startLine = 'GET /chat HTTP/1.1',
): string {
  return `${[startLine, ...fields.map(([name, value]) => `${name}: ${value}`)].join('\r\n')}\r\n\r\n`;
}

export function connectTo(port: number): Promise<Socket> {
  const socket = connect({ host: '127.0.0.1', port });
  return once(socket, 'connect').then(() => socket);
}

/** Sends bytes and collects everything the server answers until it closes. */
export async function exchange(port: number, request: string | Buffer): Promise<string> {
  const socket = await connectTo(port);
  socket.write(request);
  return readUntilClosed(socket);
}

export function readUntilClosed(socket: Socket): Promise<string> {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => {});
  return once(socket, 'close').then(() => Buffer.concat(chunks).toString('latin1'));
}

/** The status code of an HTTP response's status line. */
export function statusOf(response: string): number {
  return Number(/^HTTP\/1\.1 (\d{3}) /.exec(response)?.[1]);
}

/**
 * A node:http server on port 0 whose upgrade requests go to `onUpgrade`; it and
 * every socket it saw are closed after the test.
 */
export async function startUpgradeServer(
  track: (cleanup: Cleanup) => unknown,
  onUpgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => void,
): Promise<number> {
  const sockets = new Set<Duplex>();
  const server = createServer();
  server.on('upgrade', (request, socket, head) => {
    sockets.add(socket);
    onUpgrade(request, socket, head);
  });
  const port = await listen(server, '127.0.0.1', 0);
  track(() => closeWithSockets(server, sockets));
  return port;
}

/** The lesson's handshake server on port 0, with its log captured; closed after the test. */
export async function startTestHandshakeServer(track: (cleanup: Cleanup) => unknown) {
  const captured = captureLogger('handshake');
  const server = await startHandshakeServer({
    host: '127.0.0.1',
    port: 0,
    handshakeTimeoutMs: 5000,
    maxHeaderBytes: 8192,
    log: captured.log,
  });
  track(() => server.close());
  return { ...server, ...captured };
}

/** Closes a server and destroys the sockets it accepted, so `close` does not wait for them. */
export function closeWithSockets(
  server: { close(done: () => void): unknown },
  sockets: Iterable<Duplex>,
): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}
