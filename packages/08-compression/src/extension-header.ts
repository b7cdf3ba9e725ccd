// RFC 6455 §9.1: the grammar of Sec-WebSocket-Extensions, shared by the
// client's offer and the server's answer:
//
//   extension-list  = 1#extension                      (comma-separated)
//   extension       = extension-token *( ";" extension-param )
//   extension-param = token [ "=" (token | quoted-string) ]
//
// with spaces allowed around the separators, and a quoted value that must be
// a token once its quotes and backslashes are gone:
//
//   permessage-deflate; client_max_window_bits, permessage-deflate; server_max_window_bits="10"
//
// is two offers of the same extension, the second one with a quoted 10.
// Splitting on "," and ";" would be wrong inside a quoted string, so this
// reads the header one character at a time.

// #region types
/** One parameter, as written: `client_max_window_bits` (true) or `server_max_window_bits=10`. */
export type ExtensionParam = readonly [name: string, value: string | true];

/** One element of the list: an extension's name and its parameters, in order. */
export interface ExtensionOffer {
  name: string;
  params: readonly ExtensionParam[];
}
// #endregion types

/** RFC 7230 §3.2.6: the characters of a token. */
const TOKEN_CHARACTER = /^[!#$%&'*+.^_`|~0-9A-Za-z-]$/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

// #region parse
/** The header's list of extensions, or what is wrong with it. */
export function parseExtensions(header: string): ExtensionOffer[] | { error: string } {
  const offers: ExtensionOffer[] = [];
  let at = 0;
  const next = () => header.charAt(at);
  const skipSpaces = () => {
    while (next() === ' ' || next() === '\t') at++;
  };
  const readToken = () => {
    const start = at;
    while (TOKEN_CHARACTER.test(next())) at++;
    return header.slice(start, at);
  };
  const fail = (what: string) => ({
    error: `${what} at character ${at + 1} of ${JSON.stringify(header)}`,
  });

  while (at < header.length) {
    skipSpaces();
    // RFC 7230 §7: a recipient accepts and ignores empty list elements ("a, , b").
    if (next() === ',' || at === header.length) {
      at++;
      continue;
    }
    const name = readToken();
    if (name === '') return fail('expected an extension name');
    const params: ExtensionParam[] = [];
    skipSpaces();
    while (next() === ';') {
      at++;
      skipSpaces();
      const param = readToken();
      if (param === '') return fail('expected a parameter name');
      skipSpaces();
      let value: string | true = true;
      if (next() === '=') {
        at++;
        skipSpaces();
        const read = next() === '"' ? readQuoted() : readToken();
        if (typeof read !== 'string') return read;
        if (!TOKEN.test(read)) return fail(`the value of ${param} must be a token`);
        value = read;
        skipSpaces();
      }
      params.push([param, value]);
    }
    offers.push({ name, params });
    if (at < header.length && next() !== ',') return fail(`unexpected ${JSON.stringify(next())}`);
    at++;
  }
  if (offers.length === 0) return { error: 'no extension in an empty header' };
  return offers;

  /** RFC 7230 §3.2.6: "…", where \x stands for x. */
  function readQuoted(): string | { error: string } {
    let value = '';
    at++;
    while (at < header.length && next() !== '"') {
      if (next() === '\\') at++;
      value += next();
      at++;
    }
    if (at >= header.length) return fail('unterminated quoted string');
    at++;
    return value;
  }
}
// #endregion parse

/** The header as it goes on the wire: `permessage-deflate; client_max_window_bits=10`. */
export function formatExtensions(offers: readonly ExtensionOffer[]): string {
  return offers
    .map(({ name, params }) =>
      [
        name,
        ...params.map(([param, value]) => (value === true ? param : `${param}=${value}`)),
      ].join('; '),
    )
    .join(', ');
}
