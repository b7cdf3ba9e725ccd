import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { captureLogger, loadExercise, useCleanup } from '@sockets/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startUdpServer } from '../../src/index.ts';

const { backoffDelay, GaveUpError, retryWithBackoff } = await loadExercise<
  typeof import('./solution.ts')
>(import.meta.url);

const track = useCleanup();

/** random() = 0.5 means "no jitter": the factor is exactly 1. */
const middle = () => 0.5;

describe('backoffDelay', () => {
  it('doubles the timeout for each try', () => {
    const delays = [1, 2, 3, 4, 5].map((n) => backoffDelay(n, { baseMs: 100, random: middle }));
    expect(delays, 'hint: baseMs · 2^(attempt − 1); random() = 0.5 adds no jitter').toEqual([
      100, 200, 400, 800, 1600,
    ]);
  });

  it('never goes past maxMs', () => {
    const options = { baseMs: 100, maxMs: 1000, random: middle };
    expect(backoffDelay(4, options), 'hint: 800 is under the cap').toBe(800);
    expect(backoffDelay(5, options), 'hint: 1600 is capped to 1000').toBe(1000);
    expect(backoffDelay(60, options), 'hint: 2^59 · 100 is capped too').toBe(1000);
  });

  it('moves each delay by up to ±jitter, from the random source', () => {
    const at = (random: number) =>
      backoffDelay(1, { baseMs: 1000, jitter: 0.1, random: () => random });
    expect(at(0), 'hint: random() = 0 → the shortest, 1000 · 0.9').toBe(900);
    expect(at(0.75), 'hint: random() = 0.75 → 1000 · 1.05').toBe(1050);
    expect(at(0.999_999), 'hint: random() near 1 → nearly 1000 · 1.1').toBe(1100);
  });

  it('spreads capped delays too, so clients at the ceiling drift apart', () => {
    expect(
      backoffDelay(30, { baseMs: 100, maxMs: 1000, jitter: 0.1, random: () => 0 }),
      'hint: cap first, then jitter: 1000 · 0.9',
    ).toBe(900);
  });

  it('stays within its bounds for any attempt and any random number (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, r) => {
          const delay = backoffDelay(attempt, {
            baseMs: 50,
            maxMs: 5000,
            jitter: 0.2,
            random: () => r,
          });
          const exact = Math.min(5000, 50 * 2 ** (attempt - 1));
          expect(delay, 'hint: a whole number of ms').toBe(Math.round(delay));
          expect(delay, 'hint: at least (1 − jitter) · the exact delay').toBeGreaterThanOrEqual(
            Math.floor(exact * 0.8),
          );
          expect(delay, 'hint: at most (1 + jitter) · the exact delay').toBeLessThanOrEqual(
            Math.ceil(exact * 1.2),
          );
        },
      ),
    );
  });
});

describe('retryWithBackoff', () => {
  it('gives each try a longer timeout, and returns the first reply', async () => {
    const timeouts: number[] = [];
    const reply = await retryWithBackoff(
      async (timeoutMs, attempt) => {
        timeouts.push(timeoutMs);
        return attempt === 3 ? 'pong' : undefined; // the first two tries time out
      },
      { tries: 5, baseMs: 10, random: middle },
    );
    expect(reply, 'hint: return what the first successful try resolved with').toBe('pong');
    expect(timeouts, 'hint: three tries, 10, 20 and 40 ms, and none after the reply').toEqual([
      10, 20, 40,
    ]);
  });

  it('gives up after `tries` tries with GaveUpError', async () => {
    let calls = 0;
    const gaveUp = retryWithBackoff(
      async () => {
        calls += 1;
        return undefined;
      },
      { tries: 4, baseMs: 1, random: middle },
    );
    await expect(
      gaveUp,
      'hint: throw new GaveUpError(tries) once all tries timed out',
    ).rejects.toThrow(GaveUpError);
    expect(calls, 'hint: exactly `tries` calls').toBe(4);
  });

  it('gets an echo from lesson 02 server that loses the first two datagrams', async () => {
    const server = await startUdpServer({
      port: 0,
      host: '127.0.0.1',
      dropFirst: 2,
      log: captureLogger('udp-server').log,
    });
    track(() => server.close());
    const socket = createSocket('udp4');
    track(() => new Promise<void>((resolve) => socket.close(() => resolve())));
    socket.connect(server.port, '127.0.0.1');
    await once(socket, 'connect');

    // One try on a real socket: send, then wait for the echo or the timeout.
    const timeouts: number[] = [];
    const tryOnce = (timeoutMs: number) =>
      new Promise<string | undefined>((resolve) => {
        timeouts.push(timeoutMs);
        const timer = setTimeout(() => {
          socket.off('message', onMessage);
          resolve(undefined);
        }, timeoutMs);
        const onMessage = (data: Buffer) => {
          clearTimeout(timer);
          resolve(data.toString());
        };
        socket.once('message', onMessage);
        socket.send('hello, server! #1');
      });

    const reply = await retryWithBackoff(tryOnce, { tries: 4, baseMs: 20, random: middle });
    expect(reply, 'hint: the third try gets through').toBe('hello, server! #1');
    expect(timeouts, 'hint: 20 ms, then 40, then 80').toEqual([20, 40, 80]);
  });
});
