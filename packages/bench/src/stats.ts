// Small, exact statistics over recorded samples. A benchmark keeps every
// latency sample (a few hundred thousand numbers at most), so percentiles are
// read off the sorted list instead of estimated.

function sorted(samples: ArrayLike<number>): Float64Array {
  return Float64Array.from(samples).sort();
}

/** The p-th percentile (0–100) of already sorted samples, nearest-rank method. */
function rank(sortedSamples: Float64Array, p: number): number {
  if (sortedSamples.length === 0) return Number.NaN;
  const index = Math.ceil((p / 100) * sortedSamples.length) - 1;
  return sortedSamples[Math.min(sortedSamples.length - 1, Math.max(0, index))]!;
}

export function percentile(samples: ArrayLike<number>, p: number): number {
  return rank(sorted(samples), p);
}

export function median(samples: ArrayLike<number>): number {
  return percentile(samples, 50);
}

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** The figures a report shows for a set of latencies, sorting them once. */
export function summarize(samples: ArrayLike<number>): LatencySummary {
  const all = sorted(samples);
  return { count: all.length, p50: rank(all, 50), p99: rank(all, 99), max: rank(all, 100) };
}
