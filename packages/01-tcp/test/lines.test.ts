import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeLine, LineSplitter, LineTooLongError } from '../src/index.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');

/** Feed chunks in order; what came out, whether a line was too long, what is left over. */
function feed(chunks: Uint8Array[], maxLineBytes = 1 << 20) {
  const splitter = new LineSplitter({ maxLineBytes });
  const lines: string[] = [];
  for (const chunk of chunks) {
    try {
      lines.push(...splitter.push(chunk));
    } catch (error) {
      if (!(error instanceof LineTooLongError)) throw error;
      return { lines: [...lines, ...error.linesBefore], tooLong: true, pendingBytes: 0 };
    }
  }
  return { lines, tooLong: false, pendingBytes: splitter.pendingBytes };
}

/** Cut a byte string at the given offsets: the same bytes, chunked another way. */
function cut(data: Uint8Array, offsets: number[]): Uint8Array[] {
  const points = [...new Set([0, ...offsets, data.length])].sort((a, b) => a - b);
  return points.slice(1).map((end, i) => data.subarray(points[i], end));
}

/** Bytes that are mostly text with line ends, or anything at all; and a way of cutting them. */
const text = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.constantFrom('\n', '\r\n')), {
    maxLength: 20,
  })
  .map((parts) => Buffer.from(parts.join(''), 'utf8'));
const chunkedBytes = fc
  .oneof(text, fc.uint8Array({ maxLength: 200 }))
  .chain((data) =>
    fc.tuple(fc.constant(data), fc.array(fc.nat({ max: data.length }), { maxLength: 20 })),
  );

describe('LineSplitter', () => {
  it('returns complete lines and keeps the partial tail for the next chunk', () => {
    const splitter = new LineSplitter();
    expect(splitter.push(bytes('hello, server! #1\nhello, ser'))).toEqual(['hello, server! #1']);
    expect(splitter.pendingBytes).toBe(10);
    expect(splitter.push(bytes('ver! #2\n'))).toEqual(['hello, server! #2']);
    expect(splitter.pendingBytes).toBe(0);
  });

  it('returns several lines from one chunk, and empty lines too', () => {
    expect(feed([bytes('a\n\nb\n')]).lines).toEqual(['a', '', 'b']);
  });

  it('puts a character whose bytes arrive in different chunks back together', () => {
    const euro = bytes('€\n'); // e2 82 ac 0a
    expect(feed([euro.subarray(0, 1), euro.subarray(1, 2), euro.subarray(2)]).lines).toEqual(['€']);
  });

  it('accepts "\\r\\n" line ends, as telnet sends them', () => {
    expect(feed([bytes('hi\r\nthere\r'), bytes('\n')]).lines).toEqual(['hi', 'there']);
  });

  it('turns bytes that are not UTF-8 into U+FFFD instead of failing', () => {
    expect(feed([Buffer.from([0x61, 0xff, 0x0a])]).lines).toEqual(['a\ufffd']);
  });

  it('refuses a line longer than maxLineBytes, even before its newline comes', () => {
    const splitter = new LineSplitter({ maxLineBytes: 8 });
    expect(splitter.push(bytes('12345678\n'))).toEqual(['12345678']); // exactly the limit
    expect(splitter.push(bytes('12345'))).toEqual([]);
    expect(() => splitter.push(bytes('6789'))).toThrow(LineTooLongError);
  });

  it('hands over the complete lines that came before the long one', () => {
    const splitter = new LineSplitter({ maxLineBytes: 4 });
    try {
      splitter.push(bytes('ok\nfine\nmuch too long'));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LineTooLongError);
      expect((error as LineTooLongError).linesBefore).toEqual(['ok', 'fine']);
      expect((error as LineTooLongError).message).toBe('line longer than 4 bytes');
    }
  });

  describe('properties', () => {
    it('any chunking of the same bytes yields the same lines and the same tail', () => {
      fc.assert(
        fc.property(chunkedBytes, ([data, offsets]) => {
          expect(feed(cut(data, offsets))).toEqual(feed([data]));
        }),
      );
    });

    it('any chunking agrees on where a too-long line is refused, and on the lines before it', () => {
      fc.assert(
        fc.property(chunkedBytes, fc.integer({ min: 0, max: 20 }), ([data, offsets], max) => {
          expect(feed(cut(data, offsets), max)).toEqual(feed([data], max));
        }),
      );
    });

    it('gives back exactly the lines that were encoded, however the bytes are cut', () => {
      const line = fc
        .string({ unit: 'grapheme', maxLength: 30 })
        .filter((text) => !text.includes('\n') && !text.endsWith('\r'));
      fc.assert(
        fc.property(
          fc.array(line, { maxLength: 10 }),
          fc.array(fc.nat(), { maxLength: 20 }),
          (lines, rawOffsets) => {
            const data = Buffer.concat(lines.map(encodeLine));
            const offsets = rawOffsets.map((offset) => offset % (data.length + 1));
            expect(feed(cut(data, offsets))).toEqual({ lines, tooLong: false, pendingBytes: 0 });
          },
        ),
      );
    });

    it('never keeps more than maxLineBytes waiting for a newline', () => {
      fc.assert(
        fc.property(chunkedBytes, fc.integer({ min: 0, max: 20 }), ([data, offsets], max) => {
          const splitter = new LineSplitter({ maxLineBytes: max });
          for (const chunk of cut(data, offsets)) {
            try {
              splitter.push(chunk);
            } catch {
              return;
            }
            expect(splitter.pendingBytes).toBeLessThanOrEqual(max);
          }
        }),
      );
    });
  });
});

describe('encodeLine', () => {
  it('ends a line with "\\n" and encodes it as UTF-8', () => {
    expect(encodeLine('hello, €')).toEqual(bytes('hello, €\n'));
  });

  it('refuses a line with a newline inside, which would be read as two', () => {
    expect(() => encodeLine('one\ntwo')).toThrow(/cannot contain/);
  });
});
