// Text that a peer chose (a chat line, a close reason, a header) goes into our
// log lines in quotes, escaped. Written raw, a `\n` in it would start a second
// log line that looks like ours ("[chat] admin connected"), and an ESC
// sequence would reach the terminal of whoever reads the log: it can move the
// cursor, recolour or hide text. Every lesson quotes peer text with `quote`.

/**
 * Characters JSON.stringify leaves as they are but a terminal acts on, or that
 * make text read differently from what it holds:
 * - DEL and the C1 controls U+0080–U+009F (U+009B is a one-character ESC [ in
 *   some terminals);
 * - the line and paragraph separators U+2028 and U+2029, which some viewers break on;
 * - the bidirectional overrides and isolates U+202A–U+202E and U+2066–U+2069,
 *   which can show a line's characters in another order ("Trojan Source").
 */
const UNSAFE_FOR_TERMINAL = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `\u009b`: the escape JSON would use, for the characters it lets through. */
function unicodeEscape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * `"hello, server!"`: peer-supplied text made safe for one log line, as JSON.
 * A string comes out in double quotes; a value holding peer text (a reply
 * that echoes the request's id) comes out as its JSON, `{"sum":11,"id":"a"}`.
 * JSON escapes quotes, backslashes and every control character below U+0020
 * (so `\n` prints as the two characters `\n`); the few it lets through that a
 * terminal would still act on are escaped the same way.
 */
export function quote(value: unknown): string {
  return String(JSON.stringify(value)).replace(UNSAFE_FOR_TERMINAL, unicodeEscape);
}
