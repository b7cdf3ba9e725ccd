import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptKey, isValidKey, newKey } from '../src/index.ts';

describe('Sec-WebSocket-Accept', () => {
  it("answers RFC 6455's own example (§1.3)", () => {
    expect(acceptKey('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it("answers seed 000's key as the seed prints", () => {
    expect(acceptKey('x3JJHMbDL1EzLkh9GBhXDw==')).toBe('HSmrc0sMlYUkAGmm5OPpG2HaGWk=');
  });

  it("answers seed 004's key as the seed prints (the seed is right)", () => {
    expect(acceptKey('duR0pUQxNgBJsRQKj2Jxsw==')).toBe('a1y2oy1zvgHsVyHMx+hZ1AYrEHI=');
  });
});

describe('the client key', () => {
  it('accepts base64 of exactly 16 bytes and nothing else', () => {
    expect(isValidKey('dGhlIHNhbXBsZSBub25jZQ==')).toBe(true);
    expect(isValidKey('dGhlIHNhbXBsZSBub25jZQ')).toBe(false); // padding missing
    expect(isValidKey('dGhlIHNhbXBsZSBub25jZQ==, x3JJHMbDL1EzLkh9GBhXDw==')).toBe(false);
    expect(isValidKey(Buffer.alloc(15).toString('base64'))).toBe(false);
    expect(isValidKey(Buffer.alloc(17).toString('base64'))).toBe(false);
    expect(isValidKey('dGhlIHNhbXBsZSBub25j!Q==')).toBe(false);
  });

  it('is valid for any 16 bytes, and only for 16', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 40 }), (bytes) => {
        expect(isValidKey(Buffer.from(bytes).toString('base64'))).toBe(bytes.length === 16);
      }),
    );
  });

  it('is fresh for every connection', () => {
    const keys = new Set(Array.from({ length: 100 }, newKey));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(isValidKey(key)).toBe(true);
  });
});
