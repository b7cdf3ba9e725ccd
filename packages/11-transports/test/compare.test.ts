import { describe, expect, it } from 'vitest';
import {
  type Comparison,
  compareTransports,
  formatProgress,
  formatTable,
  type Progress,
  percentile,
} from '../src/index.ts';

describe('compareTransports', () => {
  it('watches COUNT ticks over all four transports and says what each cost', async () => {
    const progress: Progress[] = [];
    const comparison = await compareTransports({
      count: 3,
      tickMs: 100,
      pollMs: 20,
      onProgress: (p) => progress.push(p),
    });
    expect(progress.map(({ tick, count }) => `${tick}/${count}`)).toEqual(['1/3', '2/3', '3/3']);
    expect(comparison.settings).toEqual({ count: 3, tickMs: 100, pollMs: 20 });
    const byName = Object.fromEntries(comparison.results.map((r) => [r.transport, r]));
    expect(Object.keys(byName)).toEqual(['poll', 'longPoll', 'sse', 'ws']);
    // One request each for the two that stay connected; a long poll asks again
    // after every answer. Not always once per tick: on a busy machine a tick can
    // come while it is asking again, and the next answer carries both (CI saw 3
    // requests for 4 ticks).
    expect(byName.sse!.requests).toBe(1);
    expect(byName.ws!.requests).toBe(1);
    expect(byName.longPoll!.requests).toBeGreaterThanOrEqual(2);
    // The pushed ones miss nothing; their bytes per tick are well under a poll's.
    for (const name of ['longPoll', 'sse', 'ws']) expect(byName[name]!.missed, name).toBe(0);
    expect(byName.ws!.bytesDownPerUpdate).toBeLessThan(byName.longPoll!.bytesDownPerUpdate);
    expect(byName.sse!.bytesDownPerUpdate).toBeLessThan(byName.longPoll!.bytesDownPerUpdate);
    for (const result of comparison.results) {
      expect(result.p50Ms, result.transport).toBeLessThanOrEqual(result.p99Ms);
    }
  });
});

describe('the table', () => {
  const comparison: Comparison = {
    date: '2026-12-03T08:00:00.000Z',
    settings: { count: 30, tickMs: 1000, pollMs: 1000 },
    machine: { cpu: 'test', cores: 2, node: 'v20', os: 'linux' },
    results: [
      {
        transport: 'poll',
        requests: 31,
        bytesUpPerUpdate: 101.4,
        bytesDownPerUpdate: 230,
        p50Ms: 497.25,
        p99Ms: 988.1,
        missed: 2,
      },
      {
        transport: 'ws',
        requests: 1,
        bytesUpPerUpdate: 6.3,
        bytesDownPerUpdate: 49.9,
        p50Ms: 0.4,
        p99Ms: 1.2,
        missed: 0,
      },
    ],
  };

  it('is one line per transport, the numbers lined up on the right', () => {
    expect(formatTable(comparison).split('\n')).toEqual([
      'transport      requests  bytes up/update  bytes down/update  p50 ms  p99 ms  missed',
      'short polling        31              101                230   497.3   988.1       2',
      'WebSocket             1                6                 50     0.4     1.2       0',
    ]);
  });

  it('has a progress line that names every transport', () => {
    expect(
      formatProgress({ tick: 2, count: 30, received: { poll: 1, longPoll: 2, sse: 2, ws: 2 } }),
    ).toBe('tick 2/30 · short polling 1 · long polling 2 · Server-Sent Events 2 · WebSocket 2');
  });

  it('takes percentiles by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});
