import { describe, expect, it } from 'vitest';
import { median, percentile, summarize } from '../src/stats.ts';

describe('statistics', () => {
  it('reads percentiles by nearest rank', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile(samples, 0)).toBe(1);
    expect(median([3, 1, 2])).toBe(2);
  });

  it('summarizes latencies, and says NaN when there are none', () => {
    expect(summarize([5, 1, 9, 3])).toEqual({ count: 4, p50: 3, p99: 9, max: 9 });
    expect(summarize([]).p50).toBeNaN();
  });
});
