import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { connect as tcpConnect } from 'node:net';
import { type CapturedLog, type Cleanup, captureLogger } from '@sockets/testkit';
import { type ClientOptions, WebSocket } from 'ws';
import type { AddServerOptions } from '../src/options.ts';
import { type AddServer, startAddServer } from '../src/server.ts';

export type Track = <T extends Cleanup>(cleanup: T) => T;

/** A server on a free port with a captured log, closed after the test. */
export async function startServer(
  track: Track,
  options: Partial<AddServerOptions> = {},
): Promise<{ server: AddServer; logged: CapturedLog }> {
  const logged = captureLogger('add');
  const server = await startAddServer({ port: 0, log: logged.log, ...options });
  track(() => server.close());
  return { server, logged };
}

/** Send one text message and resolve with the parsed reply. */
export async function ask(socket: WebSocket, text: string): Promise<unknown> {
  const reply = once(socket, 'message');
  socket.send(text);
  const [data] = await reply;
  return JSON.parse(String(data));
}

export { closeOf, wsClient } from '@sockets/testkit';

/** The HTTP status and body of a handshake the server refused. */
export async function refusal(
  url: string,
  options: ClientOptions = {},
): Promise<{ status: number; body: string }> {
  const socket = new WebSocket(url, options);
  socket.on('error', () => undefined); // terminate() below reports one; it is expected
  const [, response] = (await once(socket, 'unexpected-response')) as [unknown, IncomingMessage];
  let body = '';
  for await (const chunk of response.setEncoding('utf8')) body += chunk;
  socket.terminate();
  return { status: response.statusCode ?? 0, body };
}

/** Write raw bytes on a TCP connection and collect everything the server sends until it closes. */
export async function rawExchange(url: string, text: string): Promise<string> {
  const { hostname, port } = new URL(url);
  const socket = tcpConnect(Number(port), hostname);
  let received = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => {
    received += chunk;
  });
  await once(socket, 'connect');
  if (text !== '') socket.write(text);
  await once(socket, 'close');
  return received;
}
