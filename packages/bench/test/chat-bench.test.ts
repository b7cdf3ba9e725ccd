import { describe, expect, it } from 'vitest';
import { type ChatRow, medianBursts, serverMicrosPerDelivery } from '../src/chat-bench.ts';

describe('serverMicrosPerDelivery', () => {
  it("turns a share of the server's core and a delivery rate into CPU time per delivery", () => {
    // Half a core for 500,000 deliveries a second: 0.5 s / 500,000 = 1 µs each.
    expect(serverMicrosPerDelivery(50, 500_000)).toBeCloseTo(1);
    // A whole core for 100,000 a second: 10 µs each.
    expect(serverMicrosPerDelivery(100, 100_000)).toBeCloseTo(10);
  });
});

describe('medianBursts', () => {
  const cpu = { serverPercent: 50, loadPercent: 90 };
  const memory = { baselineMiB: 0, idleMiB: 0, loadMiB: 0, bytesPerConnection: 0 };
  const result = (deliveriesPerSecond: number) => ({
    expected: 1,
    received: 1,
    lost: 0,
    outOfOrder: 0,
    deliveriesPerSecond,
    p50: 1,
    p99: 2,
    max: 3,
    closedByServer: 0,
  });
  const burst = (hub: ChatRow['hub'], rate: number): ChatRow => ({
    hub,
    clients: 5000,
    workers: 1,
    burst: result(rate),
    cpu,
    memory,
  });

  it("keeps each hub's median round as its row, every round beside it, and the steady rows as they are", () => {
    const steady: ChatRow = {
      ...burst('ours', 0),
      clients: 1000,
      burst: undefined,
      steady: result(10),
    };
    const rows = medianBursts([
      steady,
      burst('ours', 900_000),
      burst('Go coalescing', 500_000),
      burst('ours', 600_000),
      burst('Go coalescing', 700_000),
      burst('ours', 800_000),
      burst('Go coalescing', 400_000),
    ]);
    expect(rows.map((row) => [row.hub, (row.steady ?? row.burst)?.deliveriesPerSecond])).toEqual([
      ['ours', 10],
      ['ours', 800_000],
      ['Go coalescing', 500_000],
    ]);
    expect(rows[1]?.rounds?.map((round) => round.deliveriesPerSecond)).toEqual([
      900_000, 600_000, 800_000,
    ]);
    // Half a core at 500,000 a second: 1 µs each.
    expect(rows[2]?.rounds?.[0]?.serverMicrosPerDelivery).toBeCloseTo(1);
  });
});
