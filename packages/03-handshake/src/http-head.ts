// The HTTP/1.1 message head as text (RFC 7230 §3): a start line, then header
// fields `Name: value`, each line ending in CR LF. The same parser reads the
// client's request and the server's response.

// #region http-head
/** A header field as it came on the wire: original spelling, value without its outer spaces. */
export type HeaderField = readonly [name: string, value: string];

export interface HttpHead {
  startLine: string;
  fields: readonly HeaderField[];
}

/** RFC 7230 §3.2.6: a header name is a "token". */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** RFC 7230 §3.2: a value holds visible characters, spaces and tabs; any other control byte is an attack or a bug. */
const CONTROL_CHARACTER = /[\x00-\x08\x0a-\x1f\x7f]/;

export function parseHead(bytes: Buffer): HttpHead | { error: string } {
  // latin1 maps each byte to one character, so no byte sequence can fail to
  // decode (RFC 7230 §3.2.4: header bytes beyond ASCII are opaque data).
  const [startLine = '', ...lines] = bytes.toString('latin1').split('\r\n');
  if (startLine === '') return { error: 'the head has no start line' };
  const fields: HeaderField[] = [];
  for (const line of lines) {
    // RFC 7230 §3.2.4: a line starting with a space continues the previous one
    // ("obsolete line folding"); a server may refuse it with 400, and we do.
    if (line.startsWith(' ') || line.startsWith('\t')) {
      return { error: 'obsolete line folding in a header field' };
    }
    const colon = line.indexOf(':');
    const name = line.slice(0, Math.max(colon, 0));
    // RFC 7230 §3.2.4: no space is allowed before the colon, and a server MUST
    // reject such a field with 400 (proxies disagree on what it means).
    if (!TOKEN.test(name)) return { error: `malformed header line ${JSON.stringify(line)}` };
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    if (CONTROL_CHARACTER.test(value)) {
      return { error: `control character in the ${name} header` };
    }
    fields.push([name, value]);
  }
  return { startLine, fields };
}

/**
 * Every value of a header (names are case-insensitive, RFC 7230 §3.2), in order.
 * A linear scan: a handshake has about ten fields.
 */
export function headerValues(fields: readonly HeaderField[], name: string): string[] {
  const wanted = name.toLowerCase();
  return fields.filter(([field]) => field.toLowerCase() === wanted).map(([, value]) => value);
}

/**
 * One header's value, repeated fields combined with ", " as RFC 7230 §3.2.2
 * allows for list-valued headers; `undefined` when it is absent.
 */
export function headerValue(fields: readonly HeaderField[], name: string): string | undefined {
  const values = headerValues(fields, name);
  return values.length === 0 ? undefined : values.join(', ');
}

/**
 * Whether a comma-separated header holds a token, ignoring case:
 * `Connection: keep-alive, Upgrade` holds `upgrade` (RFC 7230 §6.1, §7).
 */
export function hasToken(value: string | undefined, wanted: string): boolean {
  return tokens(value).includes(wanted.toLowerCase());
}

/** The non-empty items of a comma-separated list, trimmed and lower-cased. */
export function tokens(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '');
}

/** The head as it goes on the wire: start line, fields, and the empty line that ends it. */
export function formatHead(startLine: string, fields: readonly HeaderField[]): string {
  const lines = [startLine, ...fields.map(([name, value]) => `${name}: ${value}`)];
  // A line break inside a value would start a header (or a body) of the
  // attacker's choosing: "header injection".
  const broken = lines.find((line) => /[\r\n]/.test(line));
  if (broken !== undefined) throw new Error(`line break inside ${JSON.stringify(broken)}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}
// #endregion http-head

// #region start-lines
/** What the handshake needs from a request, whoever parsed it (us, or node:http). */
export interface HandshakeRequest {
  method: string;
  /** The request target: `/chat?room=1`, as sent. */
  target: string;
  /** `1.1` for `HTTP/1.1`, as node:http's `request.httpVersion`. */
  httpVersion: string;
  fields: readonly HeaderField[];
}

export interface HandshakeResponse {
  httpVersion: string;
  status: number;
  statusText: string;
  fields: readonly HeaderField[];
}

// RFC 7230 §3.1.1: method SP request-target SP HTTP-version
const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) HTTP\/(\d\.\d)$/;
// RFC 7230 §3.1.2: HTTP-version SP status-code SP reason-phrase
const STATUS_LINE = /^HTTP\/(\d\.\d) (\d{3}) ?(.*)$/;

export function parseRequest(bytes: Buffer): HandshakeRequest | { error: string } {
  const head = parseHead(bytes);
  if ('error' in head) return head;
  const match = REQUEST_LINE.exec(head.startLine);
  if (match === null) {
    return { error: `malformed request line ${JSON.stringify(head.startLine)}` };
  }
  const [, method = '', target = '', httpVersion = ''] = match;
  return { method, target, httpVersion, fields: head.fields };
}

export function parseResponse(bytes: Buffer): HandshakeResponse | { error: string } {
  const head = parseHead(bytes);
  if ('error' in head) return head;
  const match = STATUS_LINE.exec(head.startLine);
  if (match === null) return { error: `malformed status line ${JSON.stringify(head.startLine)}` };
  const [, httpVersion = '', status = '', statusText = ''] = match;
  return { httpVersion, status: Number(status), statusText, fields: head.fields };
}
// #endregion start-lines
