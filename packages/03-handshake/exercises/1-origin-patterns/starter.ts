// Exercise 03.1: an Origin allow list with wildcard subdomains. Lesson 03 compares `Origin`
// with whole origins (`http://localhost:8080`). A site with many subdomains wants one entry
// for all of them: `https://*.example.com`. Wildcards are where allow lists go wrong, and
// the browser's Origin is all that stands between a user's cookies and any web page
// (RFC 6455 §10.2), so every rule below has a check in the spec.
//
// Check your work: pnpm exercise 03 1

/**
 * Whether a handshake's `Origin` may connect, given patterns such as
 * `http://localhost:8080`, `https://*.example.com` or `*`. No `Origin` means a non-browser
 * client and is allowed, as in lesson 03.
 */
export function isOriginAllowed(origin: string | undefined, patterns: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (patterns.includes('*')) return true;
  return patterns.some((pattern) => originMatches(origin, pattern));
}

/** One origin against one pattern: the same scheme, host (or subdomain) and port. */
export function originMatches(origin: string, pattern: string): boolean {
  // TODO(exercise): compare scheme, host and port. Things to get right:
  //  - hosts are case-insensitive, and `https://a.com` is the same origin as `https://a.com:443`
  //    (new URL(origin) normalises both for you; a pattern with `*.` you parse yourself);
  //  - `https://*.example.com` matches `https://a.example.com` and `https://a.b.example.com`,
  //    but not `https://example.com`, `https://badexample.com`, `https://example.com.evil.net`
  //    nor `http://a.example.com`;
  //  - `null` (a sandboxed page) and anything that is not an http(s) origin match nothing.
  return origin.includes(pattern.replace('*.', ''));
}
