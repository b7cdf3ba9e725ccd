import { readFile } from 'node:fs/promises';
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { Duplex } from 'node:stream';
import { handshakeDeadline } from '@sockets/handshake';
import { errorCode, type Logger, peerName, servePage } from '@sockets/shared';

// The HTTP half that both echo servers share (ours and the ws twin): one
// node:http server on one port, the page at `/`, and WebSockets at /echo as
// `upgrade` events, which never reach the request handler below.

/** Seed 001: `http.HandleFunc("/echo", echo)`. */
export const echoPath = '/echo';

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
    if (pathOf(request) === echoPath) upgradeRequired(response);
    else showPage(request, response);
  });
  server.on('clientError', (error: Error, socket: Duplex) => refuseBadRequest(error, socket, log));
  return server;
}
// #endregion http-server

// #region refusals
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
  response.end(`426 ${echoPath} speaks WebSocket only: connect with a WebSocket client\n`);
}

/**
 * What node:http could not parse, or that took longer than the handshake
 * timeout: the answer node:http would give (400, 431 or 408), plus a log line.
 */
function refuseBadRequest(error: Error, socket: Duplex, log: Logger): void {
  const code = errorCode(error);
  const status =
    code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  log.warn(`refused ${peerName(socket)}: ${status} ${STATUS_CODES[status]}: ${error.message}`);
  // A client that reset the connection is gone anyway: nothing more to report.
  socket.on('error', () => {});
  // Destroyed once the answer is out: a client that keeps the connection
  // open (or keeps sending) must not hold it half-open.
  const answer = `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`;
  if (socket.writable) socket.end(answer, () => socket.destroy());
  else socket.destroy();
}
// #endregion refusals

function pathOf(request: IncomingMessage): string {
  return new URL(request.url ?? '/', 'http://localhost').pathname;
}
