import { describe, expect, it } from 'vitest';
import { reconnectDelay } from '../src/reconnecting-client.ts';

describe('reconnectDelay', () => {
  it('doubles from the minimum up to the maximum, somewhere in the upper half of each step', () => {
    const lowest = () => 0;
    const highest = () => 1;
    expect([0, 1, 2, 3].map((attempt) => reconnectDelay(attempt, 500, 30_000, highest))).toEqual([
      500, 1000, 2000, 4000,
    ]);
    expect([0, 1, 2, 3].map((attempt) => reconnectDelay(attempt, 500, 30_000, lowest))).toEqual([
      250, 500, 1000, 2000,
    ]);
    expect(reconnectDelay(6, 500, 30_000, highest)).toBe(30_000); // 32 s, capped
    expect(reconnectDelay(60, 500, 30_000, lowest)).toBe(15_000);
  });

  it('spreads clients out: a thousand of them do not all come back in the same millisecond', () => {
    const delays = new Set(Array.from({ length: 1000 }, () => reconnectDelay(3, 500, 30_000)));
    expect(delays.size).toBeGreaterThan(500);
  });
});
