// Exercise 01.1: length-prefixed framing. Lines end at "\n", so a message cannot contain one.
// Here each message is sent as a 4-byte big-endian length, then that many bytes: any bytes
// at all may be inside, text with newlines or binary. WebSocket frames (lesson 04), HTTP/2
// and most binary protocols frame their messages this way.

/** The header: the payload's length as an unsigned 32-bit big-endian number. */
export const HEADER_BYTES = 4;

/** Thrown when a header announces more than the limit: the peer is not speaking our protocol. */
export class MessageTooLongError extends Error {
  constructor(
    readonly length: number,
    readonly maxMessageBytes: number,
  ) {
    super(`message of ${length} bytes is longer than ${maxMessageBytes} bytes`);
    this.name = 'MessageTooLongError';
  }
}

/** One message as the bytes to write: its length, then itself. */
export function encodeMessage(payload: string | Uint8Array): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload);
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32BE(body.length);
  return Buffer.concat([header, body]);
}

/**
 * Bytes in, complete messages out, like lesson 01's LineSplitter: give it every chunk in
 * order; it returns the messages those bytes complete and keeps the rest for later.
 */
export class LengthPrefixSplitter {
  readonly maxMessageBytes: number;
  // Everything received that is not yet part of a complete message.
  #buffered: Buffer = Buffer.alloc(0);

  constructor({ maxMessageBytes = 64 * 1024 }: { maxMessageBytes?: number } = {}) {
    this.maxMessageBytes = maxMessageBytes;
  }

  /** How many bytes wait for the rest of their message (header bytes included). */
  get pendingBytes(): number {
    return this.#buffered.length;
  }

  push(chunk: Uint8Array): Buffer[] {
    this.#buffered = Buffer.concat([this.#buffered, chunk]);
    const messages: Buffer[] = [];
    // A chunk may complete several messages, or none: loop while a whole one is here.
    while (this.#buffered.length >= HEADER_BYTES) {
      const length = this.#buffered.readUInt32BE(0);
      // Checked as soon as the header is here, before any of the payload: a peer that
      // announces 4 GiB must not make us wait for (and keep) 4 GiB.
      if (length > this.maxMessageBytes) {
        this.#buffered = Buffer.alloc(0);
        throw new MessageTooLongError(length, this.maxMessageBytes);
      }
      if (this.#buffered.length < HEADER_BYTES + length) break; // the rest is still on its way
      // A copy, so that a message does not keep the whole buffer it was cut from alive.
      messages.push(Buffer.from(this.#buffered.subarray(HEADER_BYTES, HEADER_BYTES + length)));
      this.#buffered = this.#buffered.subarray(HEADER_BYTES + length);
    }
    return messages;
  }
}
