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
  if (bytes.length < 2) return { kind: 'need-more', atLeast: 2 };
  // The top bit of byte 1 is the MASK bit: not part of the length.
  const length7 = bytes[1]! & 0x7f;

  if (length7 < 126) return checked(length7, 2, maxLength);

  if (length7 === 126) {
    if (bytes.length < 4) return { kind: 'need-more', atLeast: 4 };
    const length16 = bytes.readUInt16BE(2);
    // §5.2: "the minimal number of bytes MUST be used to encode the length".
    if (length16 < 126) return protocolError(`16-bit length ${length16} fits in 7 bits`);
    return checked(length16, 4, maxLength);
  }

  if (bytes.length < 10) return { kind: 'need-more', atLeast: 10 };
  // A JavaScript number holds integers exactly only up to 2^53 - 1, so the
  // 64-bit field is read as a bigint and checked before it becomes a number.
  const length64 = bytes.readBigUInt64BE(2);
  // §5.2: "the most significant bit MUST be 0".
  if (length64 >= 1n << 63n) return protocolError('64-bit length with its top bit set');
  if (length64 < 65536n) return protocolError(`64-bit length ${length64} fits in 16 bits`);
  // Compared as bigints: no rounding can let a huge length slip under the limit.
  if (length64 > BigInt(maxLength)) return tooBig(length64, maxLength);
  return { kind: 'length', length: Number(length64), end: 10 };
}

function checked(length: number, end: 2 | 4, maxLength: number): PayloadLength {
  if (length > maxLength) return tooBig(length, maxLength);
  return { kind: 'length', length, end };
}

function protocolError(reason: string): PayloadLength {
  return { kind: 'error', closeCode: 1002, reason };
}

function tooBig(length: number | bigint, maxLength: number): PayloadLength {
  // §7.4.1: 1009, "a message that is too big for it to process".
  return { kind: 'error', closeCode: 1009, reason: `${length} bytes is over ${maxLength}` };
}
