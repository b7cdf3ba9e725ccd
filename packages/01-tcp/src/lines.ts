import { defaults } from './options.ts';

// TCP delivers a stream of bytes, not messages: one write may arrive in several reads, and
// several writes in one read. So the two sides agree on where a message ends. Here a message
// is a line of UTF-8 text ended by "\n", the framing of SMTP, Redis and many chat protocols.

// #region line-splitter
const NEWLINE = 0x0a;

/** Thrown when a line grows past the limit: the peer is not speaking our protocol. */
export class LineTooLongError extends Error {
  constructor(
    readonly maxLineBytes: number,
    /** The complete lines that came before the long one in the same chunk. */
    readonly linesBefore: string[],
  ) {
    super(`line longer than ${maxLineBytes} bytes`);
    this.name = 'LineTooLongError';
  }
}

/**
 * Bytes in, complete lines out. Give it every chunk a socket reads, in order; it returns the
 * lines those bytes complete and keeps the unfinished tail for the next chunk.
 */
export class LineSplitter {
  readonly maxLineBytes: number;
  // The tail of the stream after the last newline, kept as the chunks it came in: joining
  // them only once a newline arrives keeps a line sent one byte at a time cheap.
  #tail: Uint8Array[] = [];
  #tailBytes = 0;

  constructor({ maxLineBytes = defaults.maxLineBytes }: { maxLineBytes?: number } = {}) {
    this.maxLineBytes = maxLineBytes;
  }

  /** How many bytes of an unfinished line are waiting for their newline. */
  get pendingBytes(): number {
    return this.#tailBytes;
  }

  push(chunk: Uint8Array): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      this.#keep(chunk.subarray(start, end), lines);
      lines.push(this.#takeLine());
      start = end + 1;
    }
    // Checked before the newline comes, so a peer that never sends one cannot make us
    // buffer without end.
    this.#keep(chunk.subarray(start), lines);
    return lines;
  }

  #keep(bytes: Uint8Array, linesBefore: string[]): void {
    if (this.#tailBytes + bytes.length > this.maxLineBytes) {
      this.#tail = [];
      this.#tailBytes = 0;
      throw new LineTooLongError(this.maxLineBytes, linesBefore);
    }
    // A copy: the tail must not keep the whole chunk it came from alive.
    if (bytes.length > 0) this.#tail.push(Buffer.from(bytes));
    this.#tailBytes += bytes.length;
  }

  #takeLine(): string {
    // Decoding whole lines, never single chunks, is what makes a character whose bytes
    // arrive in two chunks come out whole: the byte 0x0a never occurs inside a multi-byte
    // UTF-8 character, so cutting at it never cuts one. Bad UTF-8 becomes U+FFFD.
    const line = Buffer.concat(this.#tail).toString('utf8');
    this.#tail = [];
    this.#tailBytes = 0;
    // telnet and `nc -C` end lines with "\r\n".
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  }
}

/** The other half of the framing: one line of text as the bytes to write. */
export function encodeLine(line: string): Buffer {
  if (line.includes('\n')) {
    throw new Error('a line cannot contain "\\n": the reader would see two lines');
  }
  return Buffer.from(`${line}\n`, 'utf8');
}
// #endregion line-splitter
