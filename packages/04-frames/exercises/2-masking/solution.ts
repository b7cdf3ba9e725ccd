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
  const out = Buffer.allocUnsafe(data.length);
  for (let i = 0; i < data.length; i++) {
    // §5.3: "octet i of the transformed data is the XOR of octet i of the
    // original data with octet at index i modulo 4 of the masking key",
    // where i counts from the start of the whole payload.
    out[i] = data[i]! ^ key[(offset + i) & 3]!;
  }
  return out;
}

/** Unmasks one payload chunk by chunk, remembering how far into it we are. */
export class Unmasker {
  #offset = 0;

  constructor(private readonly key: Uint8Array) {}

  /** The next chunk of the payload, unmasked. */
  push(chunk: Uint8Array): Buffer {
    const plain = maskChunk(chunk, this.key, this.#offset);
    this.#offset += chunk.length;
    return plain;
  }
}
