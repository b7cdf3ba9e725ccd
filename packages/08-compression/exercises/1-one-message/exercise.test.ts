import { constants, deflateRawSync } from 'node:zlib';
import { loadExercise } from '@sockets/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const { compress, inflate } = await loadExercise<typeof import('./solution.ts')>(import.meta.url);

const hex = (bytes: string) => Buffer.from(bytes.replace(/\s/g, ''), 'hex');

describe('compress', () => {
  it('compresses "Hello" as RFC 7692 §7.2.3.1 does: f2 48 cd c9 c9 07 00', () => {
    expect(
      compress(Buffer.from('Hello')).toString('hex'),
      'hint: deflateRawSync with finishFlush: constants.Z_SYNC_FLUSH, then drop the last 4 bytes',
    ).toBe('f248cdc9c90700');
  });
});

describe('inflate', () => {
  it.each([
    ['§7.2.3.1, one compressed block', 'f2 48 cd c9 c9 07 00'],
    ['§7.2.3.3, a block with no compression', '00 05 00 fa ff 48 65 6c 6c 6f 00'],
    ['§7.2.3.4, a block with BFINAL set', 'f3 48 cd c9 c9 07 00 00'],
    ['§7.2.3.5, two blocks', 'f2 48 05 00 00 00 ff ff ca c9 c9 07 00'],
  ])('reads RFC 7692 %s: %s', (_name, payload) => {
    const data = inflate(hex(payload), 1000);
    expect(
      Buffer.isBuffer(data) ? data.toString() : data,
      'hint: append 00 00 ff ff, and inflate with finishFlush: constants.Z_SYNC_FLUSH',
    ).toBe('Hello');
  });

  it('gets back whatever compress made (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const data = Buffer.from(bytes);
        expect(
          inflate(compress(data), 2000),
          'hint: inflate(compress(x)) must give x back',
        ).toEqual(data);
      }),
      { numRuns: 100 },
    );
  });

  it('answers invalid DEFLATE data with 1007, without throwing', () => {
    expect(inflate(hex('ff ff ff'), 1000), 'hint: catch zlib errors: 1007').toMatchObject({
      closeCode: 1007,
    });
  });

  it('answers a bomb with 1009 and never inflates it: 256 MiB of zeros in 256 KiB', () => {
    const megabyte = deflateRawSync(Buffer.alloc(1024 * 1024), {
      finishFlush: constants.Z_SYNC_FLUSH,
      level: 9,
    });
    const repeated = Buffer.concat(Array.from({ length: 256 }, () => megabyte));
    const peakBefore = process.resourceUsage().maxRSS;
    expect(
      inflate(repeated.subarray(0, -4), 64 * 1024),
      'hint: the error for too much output is ERR_BUFFER_TOO_LARGE',
    ).toMatchObject({
      closeCode: 1009,
    });
    expect(
      process.resourceUsage().maxRSS - peakBefore,
      'hint: maxOutputLength makes zlib stop while inflating; checking the size afterwards is too late',
    ).toBeLessThan(64 * 1024);
  });
});
