import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type HeadProgress, HeadScanner, parseRequest, validateHandshake } from '../src/index.ts';
import { requestText, seedFields } from './helpers.ts';

const request = Buffer.from(requestText(seedFields));
const frame = Buffer.from([0x81, 0x85, 1, 2, 3, 4, 0x69, 0x67, 0x6f, 0x68, 0x6e]);

/**
 * Feeds `bytes` cut at `cuts` and returns the first final answer (or
 * incomplete). Bytes not fed yet when the head completes would reach the frame
 * layer directly, so they are added to `rest`, as a server would see them.
 */
function feed(bytes: Buffer, cuts: number[], maxHeaderBytes = 8192): HeadProgress {
  const scanner = new HeadScanner(maxHeaderBytes);
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  let start = 0;
  for (const end of [...points, bytes.length]) {
    if (end <= start) continue;
    const progress = scanner.push(bytes.subarray(start, end));
    if (progress.state === 'complete') {
      return { ...progress, rest: Buffer.concat([progress.rest, bytes.subarray(end)]) };
    }
    if (progress.state === 'too-large') return progress;
    start = end;
  }
  return { state: 'incomplete' };
}

describe('HeadScanner', () => {
  it('finds the end of the head in one chunk and keeps what follows', () => {
    const progress = feed(Buffer.concat([request, frame]), []);
    expect(progress.state).toBe('complete');
    if (progress.state !== 'complete') return;
    expect(`${progress.head.toString()}\r\n\r\n`).toBe(request.toString());
    expect(progress.rest).toEqual(frame);
  });

  it('reads a request fed one byte at a time', () => {
    const bytes = Buffer.concat([request, frame]);
    const scanner = new HeadScanner(8192);
    const seen: HeadProgress[] = [];
    for (const byte of bytes.subarray(0, request.length))
      seen.push(scanner.push(Buffer.from([byte])));
    expect(seen.slice(0, -1).every((progress) => progress.state === 'incomplete')).toBe(true);
    const last = seen.at(-1);
    expect(last?.state).toBe('complete');
    if (last?.state === 'complete') expect(last.rest.length).toBe(0);
  });

  it('gives the same head and rest for any chunking (property)', () => {
    const bytes = Buffer.concat([request, frame]);
    const whole = feed(bytes, []);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 30 }), (cuts) => {
        expect(feed(bytes, cuts)).toEqual(whole);
      }),
    );
  });

  it('refuses a head longer than the limit, for any chunking (property)', () => {
    const long = Buffer.from(requestText([...seedFields, ['Cookie', 'x'.repeat(200)]]));
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 10 }), (cuts) => {
        expect(feed(long, cuts, long.length - 1)).toEqual({ state: 'too-large' });
        expect(feed(long, cuts, long.length).state).toBe('complete');
      }),
    );
  });

  it('refuses a flood with no end of head as soon as the limit is reached', () => {
    const scanner = new HeadScanner(100);
    expect(scanner.push(Buffer.alloc(99, 'a')).state).toBe('incomplete');
    expect(scanner.push(Buffer.alloc(1, 'a')).state).toBe('too-large');
  });

  it('never throws on random bytes: they end incomplete, too large, or refused (property)', () => {
    const policy = { paths: ['/chat'], protocols: [], allowedOrigins: [] };
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      // header-like text, so that the parser gets past the first line sometimes
      fc
        .array(
          fc.constantFrom('GET', ' ', '/chat', 'HTTP/1.1', '\r\n', ':', 'Host', 'a', '\t', '\x00'),
          {
            maxLength: 60,
          },
        )
        .map((parts) => new TextEncoder().encode(parts.join(''))),
    );
    fc.assert(
      fc.property(bytes, fc.array(fc.nat(), { maxLength: 5 }), (array, cuts) => {
        const progress = feed(Buffer.from(array), cuts, 200);
        if (progress.state !== 'complete') return;
        const parsed = parseRequest(progress.head);
        if ('error' in parsed) return;
        const decision = validateHandshake(parsed, policy);
        expect(decision.accepted).toBe(false);
        if (!decision.accepted) expect(decision.status).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: 500 },
    );
  });
});
