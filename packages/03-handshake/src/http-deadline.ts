import { type ServerOptions, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorCode, type Logger, peerName } from '@sockets/shared';

// #region http-deadline
/**
 * The handshake timeout for a node:http server (seed 004's `HandshakeTimeout`,
 * 5 s). node:http never gives up on a client that is slow to send its request
 * unless asked: `headersTimeout` bounds the time from a connection's first
 * byte to the end of its request's headers, and an upgrade request is nothing
 * but headers. When it passes, node:http answers 408 Request Timeout and
 * closes. It checks its connections every `connectionsCheckingInterval` ms
 * (30 s by default), so we check ten times per timeout. Once upgraded, a
 * socket is no longer node:http's and these limits stop applying: the
 * WebSocket's own timeouts take over. 0 turns it off.
 *
 * The raw-socket server (server-handshake.ts) does the same with its own timer.
 */
export function handshakeDeadline(timeoutMs: number): ServerOptions {
  if (timeoutMs === 0) return { headersTimeout: 0, requestTimeout: 0 };
  return {
    headersTimeout: timeoutMs,
    // node:http insists that requestTimeout >= headersTimeout; a GET has no body.
    requestTimeout: timeoutMs,
    connectionsCheckingInterval: Math.max(10, Math.ceil(timeoutMs / 10)),
  };
}
// #endregion http-deadline

// #region refuse-bad-request
/**
 * node:http's `clientError`: a request head it could not parse (400), one
 * too big (431), or one that took longer than handshakeDeadline allows (408).
 * We give the answer node:http would give, plus the log line it does not:
 *
 *   server.on('clientError', (error, socket) => refuseBadRequest(error, socket, log));
 */
export function refuseBadRequest(error: Error, socket: Duplex, log: Logger): void {
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
// #endregion refuse-bad-request
