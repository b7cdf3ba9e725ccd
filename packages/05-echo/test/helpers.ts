import type { Closable } from '@sockets/shared';
import { type CapturedLog, captureLogger } from '@sockets/testkit';
import {
  type EchoServer,
  type EchoServerOptions,
  startEchoServer,
  startWsEchoServer,
} from '../src/index.ts';

type Track = <T extends () => unknown>(cleanup: T) => T;

export const starters = { ours: startEchoServer, ws: startWsEchoServer } as const;

type Start<S> = (options: Partial<EchoServerOptions>) => Promise<S>;

/** A server (ours unless `start` says otherwise) on a free port with captured logs, closed after the test. */
export function startServer(
  track: Track,
  options?: Partial<EchoServerOptions>,
): Promise<{ server: EchoServer; logged: CapturedLog }>;
export function startServer<S extends Closable>(
  track: Track,
  options: Partial<EchoServerOptions>,
  start: Start<S>,
): Promise<{ server: S; logged: CapturedLog }>;
export async function startServer(
  track: Track,
  options: Partial<EchoServerOptions> = {},
  start: Start<Closable> = startEchoServer,
) {
  const logged = captureLogger('echo');
  const server = await start({ host: '127.0.0.1', port: 0, log: logged.log, ...options });
  track(() => server.close());
  return { server, logged };
}

export { closeOf, nextMessage, wsClient } from '@sockets/testkit';
