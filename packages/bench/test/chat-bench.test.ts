import { describe, expect, it } from 'vitest';
import { serverMicrosPerDelivery } from '../src/chat-bench.ts';

describe('serverMicrosPerDelivery', () => {
  it("turns a share of the server's core and a delivery rate into CPU time per delivery", () => {
    // Half a core for 500,000 deliveries a second: 0.5 s / 500,000 = 1 µs each.
    expect(serverMicrosPerDelivery(50, 500_000)).toBeCloseTo(1);
    // A whole core for 100,000 a second: 10 µs each.
    expect(serverMicrosPerDelivery(100, 100_000)).toBeCloseTo(10);
  });
});
