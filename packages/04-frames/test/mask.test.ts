import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMask } from '../src/index.ts';

/** §5.3 as written: octet i XOR key octet (i MOD 4). */
function maskByTheBook(data: Uint8Array, key: Uint8Array): Uint8Array {
  return data.map((byte, i) => byte ^ key[i % 4]!);
}

describe('masking (§5.3)', () => {
  it("unmasks RFC 6455 §5.7's masked `Hello`", () => {
    const payload = Buffer.from('7f9f4d5158', 'hex');
    applyMask(payload, Buffer.from('37fa213d', 'hex'));
    expect(payload.toString()).toBe('Hello');
  });

  it('matches the rule byte for byte for any length and any alignment in memory', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.uint8Array({ minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 7 }),
        (bytes, key, start) => {
          // Place the data at `start` in a larger buffer, so the word loop meets
          // every alignment (a socket's chunks can begin anywhere).
          const data = Buffer.alloc(start + bytes.length).subarray(start);
          data.set(bytes);
          applyMask(data, key);
          expect(Buffer.from(data)).toEqual(Buffer.from(maskByTheBook(bytes, key)));
          applyMask(data, key);
          expect(Buffer.from(data)).toEqual(Buffer.from(bytes));
        },
      ),
    );
  });

  it('touches only the bytes it is given', () => {
    const whole = Buffer.alloc(80, 0);
    applyMask(whole.subarray(3, 77), Buffer.from([0xff, 0xff, 0xff, 0xff]));
    expect([...whole.subarray(0, 3), ...whole.subarray(77)]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(whole.subarray(3, 77).every((byte) => byte === 0xff)).toBe(true);
  });
});
