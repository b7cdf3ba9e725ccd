import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { isOriginAllowed, refuseUpgrade } from '@sockets/handshake';
import { type Logger, peerName, quote, requestUrl } from '@sockets/shared';

// What happens to an HTTP upgrade request before ws sees it: seed 004's
// `ServeHTTP` path check and its Upgrader's `CheckOrigin` hook. Its `Error`
// hook, the HTTP error for a refused handshake, is lesson 03's refuseUpgrade.
// Seed 004's own `Error` is an empty function, so a refused handshake there
// gets nothing written, and net/http then sends an empty 200 OK: the client
// learns neither that it failed nor why.

export interface UpgradeGate {
  /** The one path with a WebSocket behind it: seed 004's `/add`. */
  path: string;
  allowedOrigins: readonly string[];
  log: Logger;
}

// #region admit
/**
 * True when the request may go on to ws's `handleUpgrade`; otherwise it has
 * been answered with an HTTP error and logged.
 */
export function admitUpgrade(request: IncomingMessage, socket: Duplex, gate: UpgradeGate): boolean {
  const { path, allowedOrigins, log } = gate;
  const remote = peerName(request.socket);
  // Only the path: `/add?x=1` is still `/add`. ws's own `path` option does the same.
  const requestPath = requestUrl(request).pathname;

  // Seed 004 answers a wrong path with `http.Error(w, "请求的路径不存在", 222)`:
  // "the requested path does not exist", under status 222, which is a 2xx,
  // a success. 404 Not Found is the status that says what happened, and what
  // proxies, browsers and ws's client (an `unexpected-response`) understand.
  if (requestPath !== path) {
    log.warn(`path error: ${quote(requestPath)} from ${remote}, answered 404`);
    refuseUpgrade(socket, 404, `no WebSocket at ${requestPath}: the calculator is at ${path}`);
    return false;
  }

  // Seed 004's CheckOrigin prints the request and every header, then allows
  // everyone. We print the same, then check Origin against an allow list.
  log.info(`handshake request ${request.method} ${quote(request.url)} from ${remote}`);
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    log.info(`  ${request.rawHeaders[i]}: ${quote(request.rawHeaders[i + 1])}`);
  }
  const origin = request.headers.origin;
  if (!isOriginAllowed(origin, allowedOrigins)) {
    log.warn(`origin ${quote(origin)} refused for ${remote}, answered 403`);
    refuseUpgrade(socket, 403, `origin ${origin} is not allowed to use this calculator`);
    return false;
  }
  return true;
}
// #endregion admit
