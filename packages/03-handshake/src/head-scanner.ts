// TCP delivers bytes, not messages (lesson 01): the request may arrive in one
// chunk, byte by byte, or glued to the first WebSocket frame. HeadScanner is fed
// chunks as they come and says when the head (request or status line plus
// header fields) is complete, which RFC 7230 §3 marks with an empty line: the
// bytes CR LF CR LF. It only scans the bytes it is given; read-head.ts reads
// them from a socket.

// #region head-scanner
const END_OF_HEAD = Buffer.from('\r\n\r\n');

export type HeadProgress =
  | { state: 'incomplete' }
  /** `head`: the lines before the empty one; `rest`: every byte after it (the first frames). */
  | { state: 'complete'; head: Buffer; rest: Buffer }
  /** The head is longer than `maxHeaderBytes`, or will be: answer 431 (RFC 6585 §5). */
  | { state: 'too-large' };

/** One head only: make a new scanner for each connection. */
export class HeadScanner {
  readonly #chunks: Buffer[] = [];
  #received = 0;
  /** The last bytes seen, in case CR LF CR LF straddles two chunks. */
  #tail: Buffer = Buffer.alloc(0);
  readonly #maxHeaderBytes: number;

  constructor(maxHeaderBytes: number) {
    this.#maxHeaderBytes = maxHeaderBytes;
  }

  push(chunk: Buffer): HeadProgress {
    // Search only the new chunk plus the 3 bytes before it, so the total work
    // stays proportional to the bytes received however they are chunked.
    const window = this.#tail.length === 0 ? chunk : Buffer.concat([this.#tail, chunk]);
    const windowStart = this.#received - this.#tail.length;
    this.#chunks.push(chunk);
    this.#received += chunk.length;

    const found = window.indexOf(END_OF_HEAD);
    if (found !== -1) {
      const headEnd = windowStart + found + END_OF_HEAD.length;
      if (headEnd > this.#maxHeaderBytes) return { state: 'too-large' };
      const all = Buffer.concat(this.#chunks, this.#received);
      return {
        state: 'complete',
        head: all.subarray(0, headEnd - END_OF_HEAD.length),
        rest: all.subarray(headEnd),
      };
    }
    // Every byte that could end a head within the limit has arrived, and none did.
    if (this.#received >= this.#maxHeaderBytes) return { state: 'too-large' };
    this.#tail = window.subarray(Math.max(0, window.length - (END_OF_HEAD.length - 1)));
    return { state: 'incomplete' };
  }
}
// #endregion head-scanner
