import { describe, expect, it } from 'vitest';
import { encodeFrame, Opcode } from '../src/index.ts';

const hex = (buffers: Buffer[]) => Buffer.concat(buffers).toString('hex');

describe('encodeFrame (§5.2)', () => {
  it('writes the examples of RFC 6455 §5.7', () => {
    const hello = Buffer.from('Hello');
    expect(hex(encodeFrame(Opcode.text, hello))).toBe('810548656c6c6f');
    const key = Buffer.from('37fa213d', 'hex');
    expect(hex(encodeFrame(Opcode.text, hello, { maskKey: key }))).toBe('818537fa213d7f9f4d5158');
    expect(hex(encodeFrame(Opcode.text, Buffer.from('Hel'), { fin: false }))).toBe('010348656c');
    expect(hex(encodeFrame(Opcode.continuation, Buffer.from('lo')))).toBe('80026c6f');
    expect(hex(encodeFrame(Opcode.ping, hello))).toBe('890548656c6c6f');
    expect(hex(encodeFrame(Opcode.binary, Buffer.alloc(256))).slice(0, 8)).toBe('827e0100');
    expect(hex(encodeFrame(Opcode.binary, Buffer.alloc(65536))).slice(0, 20)).toBe(
      '827f0000000000010000',
    );
  });

  it.each([
    [0, 2],
    [125, 2],
    [126, 4],
    [65535, 4],
    [65536, 10],
  ])('uses the minimal length form: %i bytes take a %i-byte header', (length, headerLength) => {
    expect(encodeFrame(Opcode.binary, Buffer.alloc(length))[0]!.length).toBe(headerLength);
    const masked = encodeFrame(Opcode.binary, Buffer.alloc(length), { mask: true });
    expect(masked[0]!.length).toBe(headerLength + 4 + length);
  });

  it("returns a server frame's payload as the caller's own buffer, not a copy", () => {
    const payload = Buffer.alloc(1 << 20);
    const [header, body] = encodeFrame(Opcode.binary, payload);
    expect(header!.length).toBe(10);
    expect(body).toBe(payload);
    expect(encodeFrame(Opcode.binary, Buffer.alloc(0))).toHaveLength(1);
  });

  it("masks a client frame with a fresh key each time and leaves the caller's payload alone", () => {
    const payload = Buffer.from('hello, server!');
    const keys = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const [frame] = encodeFrame(Opcode.text, payload, { mask: true });
      expect(frame![1]! & 0x80).toBe(0x80);
      keys.add(frame!.subarray(2, 6).toString('hex'));
    }
    // 3000 frames go past the 2048 keys of one pool refill.
    expect(keys.size).toBeGreaterThan(2990);
    expect(payload.toString()).toBe('hello, server!');
  });

  it('refuses to build a control frame that is too long or not final', () => {
    expect(() => encodeFrame(Opcode.ping, Buffer.alloc(126))).toThrow(RangeError);
    expect(() => encodeFrame(Opcode.pong, Buffer.alloc(1), { fin: false })).toThrow(RangeError);
    expect(encodeFrame(Opcode.ping, Buffer.alloc(125))).toHaveLength(2);
  });
});
