// Exercise 03.1: an Origin allow list with wildcard subdomains. Lesson 03 compares `Origin`
// with whole origins (`http://localhost:8080`). A site with many subdomains wants one entry
// for all of them: `https://*.example.com`. Wildcards are where allow lists go wrong, and
// the browser's Origin is all that stands between a user's cookies and any web page
// (RFC 6455 §10.2), so every rule below has a check in the spec.

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
  const wanted = parsePattern(pattern);
  const actual = parseOrigin(origin);
  if (wanted === undefined || actual === undefined) return false;
  if (actual.scheme !== wanted.scheme || actual.port !== wanted.port) return false;
  if (!wanted.anySubdomain) return actual.host === wanted.host;
  // `*.example.com`: the host must END with ".example.com", the dot included, so that
  // `badexample.com` does not match, and there must be something before it, so that
  // `example.com` itself does not either (list it on its own if you want it).
  return actual.host.endsWith(`.${wanted.host}`);
}

interface OriginParts {
  scheme: string;
  host: string;
  /** The port, with the scheme's default filled in: `https://a.com` and `:443` are one origin. */
  port: string;
  anySubdomain: boolean;
}

const defaultPorts: Record<string, string> = { http: '80', https: '443' };

/** `https://*.Example.com:8443` → https, example.com, 8443, any subdomain. */
function parsePattern(pattern: string): OriginParts | undefined {
  const match = /^(https?):\/\/(\*\.)?([^/:*]+)(?::(\d+))?$/i.exec(pattern);
  if (!match) return undefined;
  const scheme = match[1]!.toLowerCase();
  return {
    scheme,
    host: match[3]!.toLowerCase(),
    port: match[4] ?? defaultPorts[scheme]!,
    anySubdomain: match[2] !== undefined,
  };
}

/** What the browser sent. `null` (a sandboxed or file:// page) and garbage match nothing. */
function parseOrigin(origin: string): OriginParts | undefined {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return undefined;
  }
  // An origin is scheme, host and port, nothing more: a path is not something browsers send.
  if (url.pathname !== '/' || url.search !== '' || url.username !== '') return undefined;
  const scheme = url.protocol.slice(0, -1);
  const port = url.port === '' ? defaultPorts[scheme] : url.port;
  if (port === undefined) return undefined; // not http or https
  return { scheme, host: url.hostname, port, anySubdomain: false };
}
