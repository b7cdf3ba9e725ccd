import { isUtf8 } from 'node:buffer';

// RFC 6455 §5.6 and §8.1: a text message MUST be valid UTF-8, checked on the
// whole message, and a fragment boundary may fall in the middle of a
// character: "ü" is c3 bc and may arrive as c3 | bc. We still want to fail
// fast (§8.1 says to fail "when an endpoint is to interpret a byte stream as
// UTF-8 but finds that the byte stream is not"), so each fragment is checked as
// soon as it arrives, except for the 1-3 bytes of a character it leaves
// unfinished, which wait for the next fragment. Node's `isUtf8` does the check
// itself (in C++, with SIMD): it rejects overlong forms, surrogates, and code
// points above U+10FFFF.

// #region utf8
/** How many bytes a character with this first byte takes (0: not a first byte). */
function sequenceLength(firstByte: number): number {
  if (firstByte < 0x80) return 1;
  if (firstByte < 0xc0) return 0; // 10xxxxxx: a continuation byte
  if (firstByte < 0xe0) return 2;
  if (firstByte < 0xf0) return 3;
  if (firstByte < 0xf8) return 4;
  return 0;
}

/** Where an unfinished character at the end of `bytes` starts (bytes.length if none). */
function unfinishedTail(bytes: Buffer): number {
  const end = bytes.length;
  for (let start = end - 1; start >= Math.max(0, end - 3); start--) {
    const needed = sequenceLength(bytes[start]!);
    if (needed === 0) continue; // a continuation byte: its first byte is further back
    return start + needed > end ? start : end;
  }
  return end; // no first byte in the last 3: isUtf8 will judge the whole thing
}

/**
 * Whether the first 1-3 bytes of a character can still become a valid one
 * (Unicode's table 3-7 of well-formed sequences), so that `f4 | 90` fails at
 * the `90`, not one fragment later when the character is complete.
 */
function isValidStart(bytes: Buffer): boolean {
  const first = bytes[0]!;
  if (first < 0xc2 || first > 0xf4) return false; // c0, c1: overlong; f5-ff: past U+10FFFF
  if (bytes.length === 1) return true;
  const second = bytes[1]!;
  // The second byte's range rules out overlong forms (e0, f0), surrogates (ed)
  // and code points past U+10FFFF (f4).
  const low = first === 0xe0 ? 0xa0 : first === 0xf0 ? 0x90 : 0x80;
  const high = first === 0xed ? 0x9f : first === 0xf4 ? 0x8f : 0xbf;
  if (second < low || second > high) return false;
  return bytes.length === 2 || (bytes[2]! & 0xc0) === 0x80;
}

export class Utf8Validator {
  /** the first bytes of a character that the previous fragment left unfinished */
  #pending: Buffer | undefined;

  /**
   * Checks the next fragment of a text message; `final` for the last one.
   * After a final fragment the validator is empty again, ready for the next message.
   */
  push(fragment: Buffer, final: boolean): boolean {
    let rest = fragment;
    const pending = this.#pending;
    if (pending !== undefined) {
      const missing = sequenceLength(pending[0]!) - pending.length;
      const joined = Buffer.concat([pending, fragment.subarray(0, missing)]);
      if (joined.length < pending.length + missing) {
        this.#pending = joined; // still unfinished: this fragment was tiny
        return !final && isValidStart(joined);
      }
      if (!isUtf8(joined)) return false;
      this.#pending = undefined;
      rest = fragment.subarray(missing);
    }
    const cut = final ? rest.length : unfinishedTail(rest);
    if (cut === rest.length) return isUtf8(rest);
    this.#pending = rest.subarray(cut);
    return isValidStart(this.#pending) && isUtf8(rest.subarray(0, cut));
  }
}
// #endregion utf8
