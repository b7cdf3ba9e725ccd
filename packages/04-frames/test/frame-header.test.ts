import { describe, expect, it } from 'vitest';
import { decodeHeader, encodeFrame, Opcode } from '../src/index.ts';

describe('decodeHeader (§5.2)', () => {
  it('tells a header from an error by `kind`, like every result the receiver handles', () => {
    const [header] = encodeFrame(Opcode.text, Buffer.from('Hello'));
    expect(decodeHeader(header!)).toMatchObject({ kind: 'header', opcode: Opcode.text });
    // 126 announces a 16-bit length, which must then be 126 or more.
    const tooShort = Buffer.from([0x81, 126, 0, 5]);
    expect(decodeHeader(tooShort)).toMatchObject({ kind: 'error', closeCode: 1002 });
  });
});
