import { readFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { handshakeDeadline, refuseBadRequest } from '@sockets/handshake';
import { type Logger, requestUrl, servePage } from '@sockets/shared';

// The HTTP half that both echo servers share (ours and the ws twin): one
// node:http server on one port, the page at `/`, and WebSockets at /echo as
// `upgrade` events, which never reach the request handler below.

/** Seed 001: `http.HandleFunc("/echo", echo)`. */
export const ECHO_PATH = '/echo';

// #region http-server
export async function createHttpServer(
  handshakeTimeoutMs: number,
  log: Logger,
  page?: string,
): Promise<Server> {
  const showPage = servePage(
    page ?? (await readFile(new URL('./page.html', import.meta.url), 'utf8')),
  );
  // Lesson 03's handshakeDeadline: node:http answers 408 to a request whose
  // headers are not complete in time (it never gives up on its own).
  const server = createServer(handshakeDeadline(handshakeTimeoutMs), (request, response) => {
    if (requestUrl(request).pathname === ECHO_PATH) upgradeRequired(response);
    else showPage(request, response);
  });
  // Lesson 03's refuseBadRequest: a head node:http cannot parse, or one that
  // missed the deadline, gets node:http's answer (400, 431, 408) and a log line.
  server.on('clientError', (error: Error, socket: Duplex) => refuseBadRequest(error, socket, log));
  return server;
}
// #endregion http-server

// #region upgrade-required
/**
 * A plain GET /echo (say, the ws:// URL pasted into a browser as http://):
 * RFC 7231 §6.5.15, 426 Upgrade Required, naming the protocol to upgrade to.
 */
function upgradeRequired(response: ServerResponse): void {
  response.writeHead(426, {
    'Content-Type': 'text/plain; charset=utf-8',
    Upgrade: 'websocket',
    Connection: 'Upgrade',
  });
  response.end(`426 ${ECHO_PATH} speaks WebSocket only: connect with a WebSocket client\n`);
}
// #endregion upgrade-required
