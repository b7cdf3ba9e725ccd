import type { IncomingMessage } from 'node:http';

// #region request-url
/**
 * The URL a request asked for, for its path and query (seed 004's `r.URL`).
 * RFC 9112 §3.2: a request's target is `/path?query` (origin-form), or, from
 * a proxy, a whole `http://host/path` (absolute-form). The first is prefixed
 * with an origin, not resolved against one: resolved, `//x` would name the
 * host x, and `GET // HTTP/1.1` throws, which took a server down with it.
 */
export function requestUrl(request: IncomingMessage): URL {
  const target = request.url ?? '/';
  if (!target.startsWith('/') && URL.canParse(target)) return new URL(target);
  // Whatever else node:http lets through (`*`, `http://[`) becomes a path that nothing serves.
  return new URL(`http://localhost${target.startsWith('/') ? '' : '/'}${target}`);
}
// #endregion request-url
