// Latencies from several load-generator processes have to be merged before
// percentiles are read. At 100,000 deliveries a second, shipping every sample
// between processes would cost more than measuring them, so each process
// counts them in 0.1 ms buckets (exact to 0.1 ms, up to 60 s) and the buckets
// are added up.

const bucketMs = 0.1;
const buckets = 600_000;

export class LatencyHistogram {
  readonly counts = new Uint32Array(buckets);

  record(ms: number): void {
    const index = Math.min(buckets - 1, Math.max(0, Math.floor(ms / bucketMs)));
    this.counts[index] = this.counts[index]! + 1;
  }

  /** The non-empty buckets, small enough to send to another process. */
  toSparse(): [number, number][] {
    const sparse: [number, number][] = [];
    this.counts.forEach((count, index) => {
      if (count > 0) sparse.push([index, count]);
    });
    return sparse;
  }

  add(sparse: [number, number][]): void {
    for (const [index, count] of sparse) this.counts[index] = this.counts[index]! + count;
  }

  get total(): number {
    return this.counts.reduce((sum, count) => sum + count, 0);
  }

  /** The p-th percentile (0–100) in ms, the upper edge of its bucket; NaN when empty. */
  percentile(p: number): number {
    const total = this.total;
    if (total === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * total));
    let seen = 0;
    for (let index = 0; index < buckets; index++) {
      seen += this.counts[index]!;
      if (seen >= rank) return (index + 1) * bucketMs;
    }
    return buckets * bucketMs;
  }
}
