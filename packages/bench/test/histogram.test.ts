import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../src/histogram.ts';

describe('LatencyHistogram', () => {
  it('reads percentiles to 0.1 ms, and merges histograms from other processes', () => {
    const one = new LatencyHistogram();
    const two = new LatencyHistogram();
    for (let ms = 1; ms <= 50; ms++) one.record(ms);
    for (let ms = 51; ms <= 100; ms++) two.record(ms - 0.05);
    one.add(two.toSparse());
    expect(one.total).toBe(100);
    expect(one.percentile(50)).toBeCloseTo(50.1);
    expect(one.percentile(99)).toBeCloseTo(99);
    expect(one.percentile(100)).toBeCloseTo(100);
  });

  it('is NaN with no samples', () => {
    expect(new LatencyHistogram().percentile(50)).toBeNaN();
  });
});
