import { once } from 'node:events';
import { captureLogger } from '@sockets/testkit';
import { WebSocket } from 'ws';
import { type EchoServerOptions, startEchoServer, startWsEchoServer } from '../src/index.ts';

type Track = <T extends () => unknown>(cleanup: T) => T;

export const starters = { ours: startEchoServer, ws: startWsEchoServer } as const;

/** A server on a free port with captured logs, closed after the test. */
export async function startServer(
  track: Track,
  options: Partial<EchoServerOptions> = {},
  start: (typeof starters)[keyof typeof starters] = startEchoServer,
) {
  const logged = captureLogger('echo');
  const server = await start({ host: '127.0.0.1', port: 0, log: logged.log, ...options });
  track(() => server.close());
  return { server, logged };
}

/** A ws client, open, closed after the test. */
export async function wsClient(
  track: Track,
  url: string,
  options: ConstructorParameters<typeof WebSocket>[2] = {},
): Promise<WebSocket> {
  const socket = new WebSocket(url, options);
  track(() => socket.terminate());
  await once(socket, 'open');
  return socket;
}

export function closeOf(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
}

export function nextMessage(socket: WebSocket): Promise<{ data: Buffer; isBinary: boolean }> {
  return new Promise((resolve) =>
    socket.once('message', (data, isBinary) => resolve({ data: data as Buffer, isBinary })),
  );
}
