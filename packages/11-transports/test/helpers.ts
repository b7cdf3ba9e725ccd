import { get, type IncomingHttpHeaders, type IncomingMessage, request } from 'node:http';
import { captureLogger, type useCleanup } from '@sockets/testkit';
import { startTransportsServer, type TransportsServerOptions } from '../src/index.ts';

/** A tick timer that never fires in a test: the test calls `server.ticker.tick()` itself. */
export const byHand = 3_600_000;

/** A server on a free port whose ticker ticks only when told, and its captured log. */
export async function startServer(
  track: ReturnType<typeof useCleanup>,
  overrides: Partial<TransportsServerOptions> = {},
) {
  const captured = captureLogger('transports');
  const server = await startTransportsServer({
    host: '127.0.0.1',
    port: 0,
    tickMs: byHand,
    log: captured.log,
    ...overrides,
  });
  track(() => server.close());
  return { server, ...captured };
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One GET on a connection of its own, read to the end. */
export function fetchRaw(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    get(url, { headers, agent: false }, (response: IncomingMessage) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    }).on('error', reject);
  });
}

export interface OpenStream {
  status: number;
  headers: IncomingHttpHeaders;
  /** The text received so far. */
  text: () => string;
  /** Ends the request, as a client that goes away does. */
  close: () => void;
}

/** A GET whose answer never ends (an event stream): read as it comes, until close() or the end of the test. */
export function openStream(
  track: ReturnType<typeof useCleanup>,
  url: URL,
  headers: Record<string, string> = {},
) {
  return new Promise<OpenStream>((resolve, reject) => {
    const req = request(url, { headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        text: () => text,
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
    track(() => req.destroy());
  });
}
