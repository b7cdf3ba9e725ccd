import { acceptKey, isValidKey } from './accept-key.ts';
import { type HandshakeRequest, hasToken, headerValue, headerValues } from './http-head.ts';
import { isOriginAllowed } from './origin.ts';
import { chooseProtocol } from './subprotocol.ts';

// One pure function decides every handshake: request in, answer out. It does
// no I/O, so the raw-socket server (server-handshake.ts) and node:http's
// `upgrade` event (http-upgrade.ts) share it, and a test can check every rule
// without opening a socket.

// #region decision
/** What the server is willing to accept. */
export interface HandshakePolicy {
  /** Paths with a WebSocket endpoint, such as `['/chat']`. */
  paths: readonly string[];
  /** Subprotocols the server speaks; `[]` for none. */
  protocols: readonly string[];
  /** Origins whose pages may connect (see origin.ts); `['*']` for any. */
  allowedOrigins: readonly string[];
  /**
   * §9.1: answers the client's Sec-WebSocket-Extensions with the value to send
   * back, or `undefined` to decline them all. Without it every extension is
   * declined. Lesson 08's permessage-deflate plugs in here.
   */
  extensions?: (offered: string | undefined) => string | undefined;
}

export interface Acceptance {
  accepted: true;
  /** The request's path, without its query string. */
  path: string;
  /** The `Sec-WebSocket-Accept` value. */
  accept: string;
  /** The chosen subprotocol, or `undefined` for none. */
  protocol: string | undefined;
  /** The agreed Sec-WebSocket-Extensions, when the policy accepted one. */
  extensions?: string;
}

export interface Rejection {
  accepted: false;
  status: number;
  /** One sentence for the response body and the log. */
  reason: string;
  /** Extra response headers the status calls for. */
  headers: Readonly<Record<string, string>>;
}

export type HandshakeDecision = Acceptance | Rejection;

export function reject(
  status: number,
  reason: string,
  headers: Readonly<Record<string, string>> = {},
): Rejection {
  return { accepted: false, status, reason, headers };
}
// #endregion decision

// #region validate
/** RFC 6455 §4.2.1 ("Reading the Client's Opening Handshake"), one rule at a time. */
export function validateHandshake(
  request: HandshakeRequest,
  policy: HandshakePolicy,
): HandshakeDecision {
  const header = (name: string) => headerValue(request.fields, name);

  // Item 1: "An HTTP/1.1 or higher GET request". RFC 7231 §6.5.5: a 405 MUST
  // say which methods are allowed.
  if (request.method !== 'GET') {
    return reject(405, `a WebSocket handshake is a GET request, not ${request.method}`, {
      Allow: 'GET',
    });
  }
  // 505 says "I do not speak this major version" (RFC 7231 §6.6.6), true of
  // HTTP/2 or HTTP/0.9 sent as text. HTTP/1.0 is a version we understand, but
  // too old for an Upgrade: a plain 400 with the reason.
  const [major, minor] = request.httpVersion.split('.').map(Number);
  if (major !== 1) {
    return reject(505, `HTTP/${request.httpVersion} is not supported; use HTTP/1.1`);
  }
  if (minor === undefined || minor < 1) {
    return reject(400, `a WebSocket handshake needs HTTP/1.1 or later, not HTTP/1.0`);
  }
  // Item 2, and RFC 7230 §5.4: exactly one Host, or 400.
  const hosts = headerValues(request.fields, 'host');
  if (hosts.length !== 1 || hosts[0] === '') {
    return reject(400, hosts.length > 1 ? 'more than one Host header' : 'missing Host header');
  }
  // Item 1's /resource name/: is there an endpoint here at all?
  const path = pathOf(request.target);
  if (path === undefined) {
    return reject(400, `malformed request target ${JSON.stringify(request.target)}`);
  }
  if (!policy.paths.includes(path)) {
    return reject(404, `no WebSocket endpoint at ${JSON.stringify(path)}`);
  }
  // Items 3 and 4: the two headers that make this an upgrade. Both are lists
  // (RFC 7230 §6.7, §6.1): Firefox sends `Connection: keep-alive, Upgrade`.
  if (!hasToken(header('upgrade'), 'websocket')) {
    return reject(400, `the Upgrade header must name "websocket", got ${quote(header('upgrade'))}`);
  }
  if (!hasToken(header('connection'), 'upgrade')) {
    return reject(
      400,
      `the Connection header must include "Upgrade", got ${quote(header('connection'))}`,
    );
  }
  // Item 6, and §4.4: a version we do not speak gets 426 and the one we do.
  const version = header('sec-websocket-version');
  if (version !== '13') {
    return reject(426, `this server speaks WebSocket version 13, not ${quote(version)}`, {
      'Sec-WebSocket-Version': '13',
    });
  }
  // Item 5: base64 of 16 bytes. A repeated key is combined into "a, b" by
  // headerValue, which is not valid, as §11.3.1 wants (one key only).
  const key = header('sec-websocket-key');
  if (key === undefined) return reject(400, 'missing Sec-WebSocket-Key header');
  if (!isValidKey(key)) {
    return reject(400, `Sec-WebSocket-Key must be 16 bytes in base64, got ${quote(key)}`);
  }
  // Item 7 and §10.2: a browser page from a foreign site gets 403 (§4.2.2).
  const origin = header('origin');
  if (!isOriginAllowed(origin, policy.allowedOrigins)) {
    return reject(403, `origin ${quote(origin)} is not allowed`);
  }
  const extensions = policy.extensions?.(header('sec-websocket-extensions'));
  return {
    accepted: true,
    path,
    accept: acceptKey(key),
    protocol: chooseProtocol(header('sec-websocket-protocol'), policy.protocols),
    extensions,
  };
}
// #endregion validate

/**
 * The path of a request target: origin-form `/chat?room=1` (what clients send),
 * or absolute-form `ws://host/chat`, which RFC 7230 §5.3.2 says a server MUST
 * accept too.
 */
function pathOf(target: string): string | undefined {
  if (target.startsWith('/')) return target.split('?', 1)[0];
  try {
    return new URL(target).pathname;
  } catch {
    return undefined;
  }
}

/** A client's value in a message, quoted so that odd bytes show as escapes. */
function quote(value: string | undefined): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
