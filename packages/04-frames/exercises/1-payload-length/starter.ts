// Exercise 04.1: read a frame's payload length, in all three of its forms.
//
// RFC 6455 §5.2: the low 7 bits of a frame's second byte are the payload
// length when it is 0-125; 126 says "the real length follows in the next
// 2 bytes", 127 says "in the next 8 bytes", both in network byte order
// (big-endian). Bytes arrive from TCP in pieces of any size, so a reader must
// also be able to say "not enough bytes yet" instead of reading past the end.

/** What the length field of a frame says. */
export type PayloadLength =
  /** `end` is where the length field ends: the masking key (if any) starts there. */
  | { kind: 'length'; length: number; end: 2 | 4 | 10 }
  /** The header is cut short: wait until at least `atLeast` bytes have arrived. */
  | { kind: 'need-more'; atLeast: 2 | 4 | 10 }
  /** Fail the connection with this close code (§7.4.1). */
  | { kind: 'error'; closeCode: 1002 | 1009; reason: string };

/**
 * Reads the payload length of the frame that starts at `bytes[0]`.
 * A length above `maxLength` is refused with 1009 ("message too big").
 */
export function readPayloadLength(bytes: Buffer, maxLength: number): PayloadLength {
  // TODO(exercise): read the length from bytes[1] (without its MASK bit), and
  // from the 2 or 8 bytes after it when the 7-bit value is 126 or 127.
  // - Fewer bytes than the form needs: { kind: 'need-more', atLeast: 2 | 4 | 10 }.
  // - §5.2: a length that would fit a shorter form, or a 64-bit length with its
  //   top bit set, is a protocol error: closeCode 1002.
  // - A length over maxLength: closeCode 1009. Careful: a JavaScript number is
  //   exact only up to 2^53 - 1 (try bytes.readBigUInt64BE).
  throw new Error(`TODO: read the payload length of ${bytes.length} bytes (max ${maxLength})`);
}
