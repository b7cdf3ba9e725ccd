import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8Validator } from '../src/utf8.ts';

/** Validates `bytes` as a message in fragments cut at `cuts`. */
function validInFragments(bytes: Buffer, cuts: number[]): boolean {
  const points = [0, ...cuts, bytes.length];
  const validator = new Utf8Validator();
  for (let i = 1; i < points.length; i++) {
    const final = i === points.length - 1;
    if (!validator.push(bytes.subarray(points[i - 1], points[i]), final)) return false;
  }
  return true;
}

const samples = [
  'hello, server!',
  'héllo',
  '€ 100',
  '你好，服务器！',
  '🙂👍🏽',
  'a\u0000b',
  '\u{10ffff}',
];
const invalid = [
  [0xff],
  [0xc0, 0x80], // overlong "NUL"
  [0xe0, 0x80, 0xaf], // overlong "/"
  [0xed, 0xa0, 0x80], // a UTF-16 surrogate, U+D800
  [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
  [0x80], // a continuation byte with no start
  [0xe2, 0x82], // a character cut short
];

describe('UTF-8 checked fragment by fragment (§8.1)', () => {
  it.each(samples)('accepts %j split at every possible pair of places', (text) => {
    const bytes = Buffer.from(text);
    for (let a = 0; a <= bytes.length; a++) {
      for (let b = a; b <= bytes.length; b++) expect(validInFragments(bytes, [a, b])).toBe(true);
    }
  });

  it.each(invalid.map((bytes) => [Buffer.from(bytes).toString('hex'), bytes]))(
    'refuses %s however it is split',
    (_name, bytes) => {
      const message = Buffer.concat([Buffer.from('ok '), Buffer.from(bytes as number[])]);
      for (let cut = 0; cut <= message.length; cut++) {
        expect(validInFragments(message, [cut])).toBe(false);
      }
    },
  );

  it('agrees with a whole-message check for any bytes and any fragmenting', () => {
    const bytesAndCuts = fc
      .oneof(
        fc.string({ unit: 'grapheme' }).map((text) => Buffer.from(text)),
        fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes)),
      )
      .chain((bytes) =>
        fc.tuple(
          fc.constant(bytes),
          fc.uniqueArray(fc.integer({ min: 0, max: bytes.length }), { maxLength: 6 }),
        ),
      );
    fc.assert(
      fc.property(bytesAndCuts, ([bytes, cuts]) => {
        const sorted = cuts.sort((x, y) => x - y);
        expect(validInFragments(bytes, sorted)).toBe(Buffer.from(bytes.toString()).equals(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('fails at the first fragment that cannot be UTF-8, not at the end', () => {
    const validator = new Utf8Validator();
    expect(validator.push(Buffer.from([0xce, 0xba, 0xf4]), false)).toBe(true);
    expect(validator.push(Buffer.from([0x90]), false)).toBe(false);
  });
});

describe('an unfinished character at a fragment boundary', () => {
  it.each([
    ['c0', [0xc0]],
    ['f5', [0xf5]],
    ['e0 80', [0xe0, 0x80]],
    ['ed a0', [0xed, 0xa0]],
    ['f0 80', [0xf0, 0x80]],
    ['f4 90', [0xf4, 0x90]],
    ['e1 41', [0xe1, 0x41]],
  ])('fails as soon as %s cannot start a character', (_name, bytes) => {
    const validator = new Utf8Validator();
    expect(validator.push(Buffer.from(bytes), false)).toBe(false);
  });

  it.each([
    ['c2', [0xc2]],
    ['e0 a0', [0xe0, 0xa0]],
    ['ed 9f', [0xed, 0x9f]],
    ['f0 90 80', [0xf0, 0x90, 0x80]],
    ['f4 8f bf', [0xf4, 0x8f, 0xbf]],
  ])('waits for the rest of %s', (_name, bytes) => {
    const validator = new Utf8Validator();
    expect(validator.push(Buffer.from(bytes), false)).toBe(true);
  });
});
