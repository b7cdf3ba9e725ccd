import { loadExercise, splitAt, wsBufferUtil, wsFrame } from '@sockets/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const { maskChunk, Unmasker } = await loadExercise<typeof import('./solution.ts')>(import.meta.url);

/** The key and the masked payload of a client frame from ws (payloads under 126 bytes). */
function wsClientFrame(payload: Buffer): { key: Buffer; masked: Buffer } {
  const frame = wsFrame(0x1, payload, true, true);
  return { key: frame.subarray(2, 6), masked: frame.subarray(6) };
}

describe('maskChunk', () => {
  it('unmasks the example of RFC 6455 §5.7 ("Hello" with key 37 fa 21 3d)', () => {
    const key = Buffer.from('37fa213d', 'hex');
    const masked = Buffer.from('7f9f4d5158', 'hex');
    expect(maskChunk(masked, key, 0).toString(), 'hint: byte i ^ key[i % 4]').toBe('Hello');
  });

  it('starts at the right key byte for a chunk that starts inside the payload', () => {
    const key = Buffer.from('37fa213d', 'hex');
    const masked = Buffer.from('7f9f4d5158', 'hex');
    expect(
      maskChunk(masked.subarray(2), key, 2).toString(),
      'hint: byte i of the chunk is byte offset + i of the payload',
    ).toBe('llo');
    expect(maskChunk(masked.subarray(4), key, 4).toString(), 'hint: offset 4 is key[0] again').toBe(
      'o',
    );
    expect(maskChunk(masked.subarray(3), key, 7).toString(), 'hint: (7 + 0) % 4 = 3').toBe('lo');
  });

  it("unmasks what ws's client masked with its random key", () => {
    for (const text of ['hello, server!', '', 'a', 'δοκιμή 🚀', 'x'.repeat(125)]) {
      const { key, masked } = wsClientFrame(Buffer.from(text));
      expect(maskChunk(masked, key, 0).toString(), `hint: ${JSON.stringify(text)}`).toBe(text);
    }
  });

  it("masks exactly as ws's own mask function does (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.uint8Array({ minLength: 4, maxLength: 4 }),
        (data, key) => {
          const expected = Buffer.alloc(data.length);
          wsBufferUtil.mask(Buffer.from(data), Buffer.from(key), expected, 0, data.length);
          expect(maskChunk(data, key, 0), 'hint: byte i ^ key[i % 4]').toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('masking twice gives the bytes back, from any offset (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 100 }),
        fc.uint8Array({ minLength: 4, maxLength: 4 }),
        fc.nat(1000),
        (data, key, offset) => {
          const twice = maskChunk(maskChunk(data, key, offset), key, offset);
          expect(twice, 'hint: XOR is its own inverse').toEqual(Buffer.from(data));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('leaves its input as it was', () => {
    const data = Buffer.from('do not touch');
    maskChunk(data, Buffer.from([1, 2, 3, 4]), 0);
    expect(data.toString(), 'hint: write into a new Buffer, not into data').toBe('do not touch');
  });
});

describe('Unmasker', () => {
  it('unmasks a ws frame that arrives in pieces of any size (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 125 }),
        fc.array(fc.nat(125), { maxLength: 6 }),
        (payload, cuts) => {
          const { key, masked } = wsClientFrame(Buffer.from(payload));
          const unmasker = new Unmasker(key);
          const pieces = splitAt(
            masked,
            cuts.map((cut) => cut % (masked.length + 1)),
          );
          const plain = Buffer.concat(pieces.map((piece) => unmasker.push(piece)));
          expect(
            plain,
            `hint: cut at ${cuts.join(', ')}: each push must go on where the last one stopped`,
          ).toEqual(Buffer.from(payload));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('goes on from byte 1, then 4, then 5 of the payload', () => {
    const key = Buffer.from('37fa213d', 'hex');
    const unmasker = new Unmasker(key);
    const pieces = splitAt(Buffer.from('7f9f4d5158', 'hex'), [1, 4]);
    const text = pieces.map((piece) => unmasker.push(piece).toString());
    expect(text, 'hint: keep a count of the bytes pushed so far').toEqual(['H', 'ell', 'o']);
  });
});
