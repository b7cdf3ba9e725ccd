// Exercise 01.1: length-prefixed framing. Lines end at "\n", so a message cannot contain one.
// Here each message is sent as a 4-byte big-endian length, then that many bytes: any bytes
// at all may be inside, text with newlines or binary. WebSocket frames (lesson 04), HTTP/2
// and most binary protocols frame their messages this way.
//
// Check your work: pnpm exercise 01 1

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
  // TODO(exercise): a 4-byte header holding the payload's length (Buffer.alloc and
  // writeUInt32BE), followed by the payload's bytes (a string is sent as UTF-8).
  throw new Error(`TODO: encodeMessage(${JSON.stringify(String(payload).slice(0, 20))})`);
}

/**
 * Bytes in, complete messages out, like lesson 01's LineSplitter: give it every chunk in
 * order; it returns the messages those bytes complete and keeps the rest for later.
 */
export class LengthPrefixSplitter {
  readonly maxMessageBytes: number;

  constructor({ maxMessageBytes = 64 * 1024 }: { maxMessageBytes?: number } = {}) {
    this.maxMessageBytes = maxMessageBytes;
  }

  /** How many bytes wait for the rest of their message (header bytes included). */
  get pendingBytes(): number {
    // TODO(exercise): the bytes kept from earlier chunks.
    return 0;
  }

  push(chunk: Uint8Array): Buffer[] {
    // TODO(exercise): keep the new bytes after the ones left from earlier chunks. Then, while
    // a whole header is there, read the length (readUInt32BE); throw MessageTooLongError as
    // soon as it is over maxMessageBytes; stop if the payload has not all arrived yet;
    // otherwise cut the message out and go on with the bytes after it.
    // Remember: one chunk may hold half a header, or three messages and a half.
    return chunk.length > HEADER_BYTES ? [Buffer.from(chunk.subarray(HEADER_BYTES))] : [];
  }
}
