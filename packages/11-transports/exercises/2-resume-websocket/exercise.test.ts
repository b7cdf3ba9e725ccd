import { setTimeout as sleep } from 'node:timers/promises';
import { loadExercise, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../test/helpers.ts';

const { feedUrl, resumingWebSocket } = await loadExercise<typeof import('./solution.ts')>(
  import.meta.url,
);

const track = useCleanup();

/** Waits for `promise`, or fails with `hint` after a few seconds instead of hanging. */
async function within<T>(promise: Promise<T>, hint: string): Promise<T> {
  const controller = new AbortController();
  try {
    return await Promise.race([
      promise,
      sleep(3_000, undefined, { signal: controller.signal }).then(() => {
        throw new Error(hint);
      }),
    ]);
  } finally {
    controller.abort();
  }
}

describe('feedUrl', () => {
  it('asks for the ticks after the last one received', () => {
    expect(feedUrl('http://localhost:7010/', undefined), 'hint: no after, no query').toBe(
      'ws://localhost:7010/ws',
    );
    expect(feedUrl('http://localhost:7010/', 12), 'hint: ?after=12').toBe(
      'ws://localhost:7010/ws?after=12',
    );
  });
});

describe('resumingWebSocket', () => {
  it('reconnects after a dropped connection and misses no tick', async () => {
    const { server, waitForLine, lines } = await startServer(track);
    const feed = resumingWebSocket(server.url, 10);
    track(() => feed.close());
    await waitForLine(/opened a WebSocket$/);
    for (let i = 1; i <= 3; i++) {
      server.ticker.tick();
      await feed.waitForCount(i);
    }
    server.dropConnections();
    server.ticker.tick();
    server.ticker.tick();
    await within(
      waitForLine(/opened a WebSocket after tick 3$/),
      'hint: reconnect on close, with ?after= the last tick received',
    );
    await within(feed.waitForCount(5), 'hint: the server replays what came after `after`');
    server.ticker.tick();
    await within(feed.waitForCount(6), 'hint: keep receiving on the new connection');
    expect(
      feed.received.map((tick) => tick.n),
      'hint: every tick once, in order',
    ).toEqual([1, 2, 3, 4, 5, 6]);
    expect(
      lines.filter((line) => /opened a WebSocket/.test(line)),
      'hint: one reconnection, not more',
    ).toHaveLength(2);
  });
});
