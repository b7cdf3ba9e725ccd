// RFC 6455 §10.2: a browser sends `Origin` on every WebSocket handshake, and a
// server that talks to browsers must check it, or any web page a user visits
// can open a WebSocket to the server with the user's cookies (Cross-Site
// WebSocket Hijacking). Seed 004's `CheckOrigin` returns true for everyone;
// seed 002 refuses a foreign origin with 403, which is what we do.

// #region origin
/** Origin names for a loopback server: the page may be opened under any of them. */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];
const ANY_ADDRESS = ['0.0.0.0', '::', ''];

/**
 * The default allow list: the origin of the server's own page. A server on
 * `localhost:8080` serves its page at http://localhost:8080, so that is where
 * its legitimate browser clients come from.
 */
export function pageOrigins(host: string, port: number): string[] {
  const isLoopback = LOOPBACK_HOSTS.includes(host) || host === '::1' || ANY_ADDRESS.includes(host);
  const hosts = isLoopback ? LOOPBACK_HOSTS : [host.includes(':') ? `[${host}]` : host];
  return hosts.map((name) => `http://${name}:${port}`);
}

/**
 * Whether a handshake's `Origin` may connect. No `Origin` at all means a
 * non-browser client (the seeds' Go clients, a command-line tool): those are
 * accepted, as gorilla's default `CheckOrigin` does, because only browsers
 * carry a user's cookies to a site they did not choose. `*` allows any origin.
 */
export function isOriginAllowed(
  origin: string | undefined,
  allowedOrigins: readonly string[],
): boolean {
  if (origin === undefined) return true;
  if (allowedOrigins.includes('*')) return true;
  const normalised = normaliseOrigin(origin);
  return allowedOrigins.some((allowed) => normaliseOrigin(allowed) === normalised);
}

/** `HTTP://LocalHost:8080/` and `http://localhost:8080` are the same origin. */
function normaliseOrigin(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    return origin.toLowerCase(); // "null" (a file:// page), or garbage: compare as given
  }
}
// #endregion origin
