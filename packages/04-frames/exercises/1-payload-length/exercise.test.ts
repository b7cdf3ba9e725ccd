import { loadExercise, rawFrame, wsFrame } from '@sockets/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const { readPayloadLength } = await loadExercise<typeof import('./solution.ts')>(import.meta.url);

const max = Number.MAX_SAFE_INTEGER;

/** The header alone (no mask, no payload) of a frame that announces `length` bytes. */
function header(length: number | bigint, lengthForm?: 7 | 16 | 64): Buffer {
  const declaredLength = BigInt(length);
  return rawFrame({ opcode: 0x2, mask: false, declaredLength, ...(lengthForm && { lengthForm }) });
}

describe('the three forms of §5.2', () => {
  it.each([
    [0, 2],
    [1, 2],
    [125, 2],
    [126, 4],
    [65535, 4],
    [65536, 10],
    [2 ** 32 + 7, 10],
    [max, 10],
  ] as const)('reads length %d, the field ending at byte %d', (length, end) => {
    expect(readPayloadLength(header(length), max), `hint: ${length} bytes`).toEqual({
      kind: 'length',
      length,
      end,
    });
  });

  it("reads ws's own frames, masked (a client's) or not (a server's)", () => {
    for (const length of [0, 5, 125, 126, 300, 65535, 65536, 70000]) {
      for (const mask of [false, true]) {
        const frame = wsFrame(0x2, Buffer.alloc(length), true, mask);
        expect(
          readPayloadLength(frame, max),
          `hint: the MASK bit (0x80 of byte 1) is not part of the length (${length} bytes, mask ${mask})`,
        ).toMatchObject({ kind: 'length', length });
      }
    }
  });

  it('reads any length in its minimal form (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max }), (length) => {
        const result = readPayloadLength(header(length), max);
        expect(result, `hint: ${length} bytes`).toMatchObject({ kind: 'length', length });
      }),
      { numRuns: 300 },
    );
  });
});

describe('bytes that are still on their way', () => {
  it.each([
    ['nothing yet', Buffer.alloc(0), 2],
    ['only byte 0', Buffer.from([0x82]), 2],
    ['byte 1 says 126, no extended length yet', Buffer.from([0x82, 126]), 4],
    ['half of the 16-bit length', Buffer.from([0x82, 126, 0x01]), 4],
    ['byte 1 says 127, no extended length yet', Buffer.from([0x82, 127]), 10],
    ['7 of the 8 bytes of the 64-bit length', Buffer.from([0x82, 127, 0, 0, 0, 0, 0, 1]), 10],
  ])('%s: need-more', (_, bytes, atLeast) => {
    expect(
      readPayloadLength(bytes, max),
      'hint: check bytes.length before reading past the end',
    ).toEqual({ kind: 'need-more', atLeast });
  });

  it('answers need-more for every cut inside the length field, and the length once it is whole', () => {
    for (const length of [7, 300, 100_000]) {
      const whole = header(length);
      for (let cut = 0; cut < whole.length; cut++) {
        expect(readPayloadLength(whole.subarray(0, cut), max), `hint: ${cut} bytes`).toMatchObject({
          kind: 'need-more',
        });
      }
      expect(
        readPayloadLength(whole, max),
        'hint: once the whole length field is there, answer with the length',
      ).toMatchObject({ kind: 'length', length });
    }
  });
});

describe('lengths that break the rules', () => {
  it.each([
    ['3 in the 16-bit form', header(3, 16)],
    ['125 in the 16-bit form', header(125, 16)],
    ['3 in the 64-bit form', header(3, 64)],
    ['65535 in the 64-bit form', header(65535, 64)],
  ])('%s is a protocol error (1002): §5.2 asks for the minimal form', (_, bytes) => {
    expect(
      readPayloadLength(bytes, max),
      'hint: "the minimal number of bytes MUST be used to encode the length"',
    ).toMatchObject({ kind: 'error', closeCode: 1002 });
  });

  it.each([2n ** 63n, 2n ** 64n - 1n, 2n ** 63n + 200n])(
    'a 64-bit length with its top bit set (%d) is a protocol error (1002)',
    (length) => {
      expect(
        readPayloadLength(header(length, 64), max),
        'hint: §5.2 "the most significant bit MUST be 0"',
      ).toMatchObject({ kind: 'error', closeCode: 1002 });
    },
  );

  it.each([
    [10, 11n],
    [125, 126n],
    [1000, 65536n],
    [max, 2n ** 53n],
    [max, 2n ** 53n + 1n], // as a number, 2 ** 53 + 1 would round to 2 ** 53
    [max, 2n ** 63n - 1n],
  ])('with maxLength %d, %d bytes is too big (1009)', (maxLength, length) => {
    expect(
      readPayloadLength(header(length), maxLength),
      'hint: compare with maxLength before turning a 64-bit length into a number',
    ).toMatchObject({ kind: 'error', closeCode: 1009 });
  });

  it('accepts a length equal to maxLength', () => {
    expect(
      readPayloadLength(header(126), 126),
      'hint: refuse only a length over maxLength',
    ).toEqual({ kind: 'length', length: 126, end: 4 });
  });
});
