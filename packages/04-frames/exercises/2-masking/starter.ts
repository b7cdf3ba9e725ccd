// Exercise 04.2: masking and unmasking (RFC 6455 §5.3), a piece at a time.
//
// A client XORs payload byte i with key[i % 4]. XOR is its own inverse, so
// one function masks and unmasks. The catch: a payload reaches a receiver in
// TCP chunks of any size, and a receiver that unmasks each chunk as it comes
// (instead of waiting for the whole payload) must remember where in the
// payload the chunk starts: the second chunk does not start at key[0].

/**
 * Masks (or unmasks) `data`, the part of a payload that starts `offset` bytes
 * into it, with the 4-byte `key`. Returns new bytes; `data` is left untouched.
 */
export function maskChunk(data: Uint8Array, key: Uint8Array, offset: number): Buffer {
  // TODO(exercise): XOR each byte with the right byte of the key. Byte i of
  // `data` is byte offset + i of the payload.
  void key;
  void offset;
  return Buffer.from(data);
}

/** Unmasks one payload chunk by chunk, remembering how far into it we are. */
export class Unmasker {
  constructor(private readonly key: Uint8Array) {}

  /** The next chunk of the payload, unmasked. */
  push(chunk: Uint8Array): Buffer {
    // TODO(exercise): unmask with maskChunk, then remember how far into the payload you are.
    return maskChunk(chunk, this.key, 0);
  }
}
