import { useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { type FeedClient, openFeed, type TransportName, transportNames } from '../src/index.ts';
import { startServer } from './helpers.ts';

const track = useCleanup();

/** The tick numbers a client received, in the order they came. */
const numbers = (feed: FeedClient) => feed.received.map(({ tick }) => tick.n);

/** The log line that says a client is connected and waiting, so that the next tick is its. */
const waiting: Record<TransportName, RegExp> = {
  poll: /never/, // a short poll does not wait: it has its first tick as soon as it asks
  longPoll: /holding a long poll/,
  sse: /opened an event stream/,
  ws: /opened a WebSocket/,
};

describe('each transport', () => {
  it.each(transportNames)('%s delivers every tick, in order', async (transport) => {
    const { server, waitForLine } = await startServer(track);
    server.ticker.tick();
    const feed = openFeed(transport, { url: server.url, pollMs: 5 });
    track(() => feed.close());
    if (transport === 'poll') await feed.waitForCount(1);
    else await waitForLine(waiting[transport]);
    // One tick at a time, each once the last has arrived: a short poll that
    // asks every 5 ms sees each one too (the next test shows when it does not).
    const first = feed.received.length;
    for (let i = 1; i <= 10; i++) {
      server.ticker.tick();
      await feed.waitForCount(first + i);
    }
    const expected =
      transport === 'poll' ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] : [2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    expect(numbers(feed)).toEqual(expected);
  });

  it('short polling misses the ticks that come between two polls', async () => {
    const { server } = await startServer(track);
    server.ticker.tick();
    const feed = openFeed('poll', { url: server.url, pollMs: 5 });
    track(() => feed.close());
    await feed.waitForCount(1);
    for (let i = 0; i < 3; i++) server.ticker.tick();
    await feed.waitForCount(2);
    expect(numbers(feed)).toEqual([1, 4]);
  });
});

describe('across a dropped connection', () => {
  it('long polling catches up with `after`, missing nothing', async () => {
    const { server, waitForLine } = await startServer(track);
    const feed = openFeed('longPoll', { url: server.url, pollMs: 0, retryMs: 10 });
    track(() => feed.close());
    await waitForLine(/holding a long poll/);
    for (let i = 1; i <= 3; i++) {
      server.ticker.tick();
      await feed.waitForCount(i);
    }
    // The client's next poll (after=3) is waiting when the connection drops.
    await expect.poll(() => server.longPolls.held).toBe(1);
    server.dropConnections();
    // Ticks 4 and 5 come while the client is away: 4 may even be written to
    // the dead connection. The client asks again with after=3 and gets both.
    server.ticker.tick();
    server.ticker.tick();
    await feed.waitForCount(5);
    server.ticker.tick();
    await feed.waitForCount(6);
    expect(numbers(feed)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('Server-Sent Events catch up with Last-Event-ID, missing nothing', async () => {
    const { server, waitForLine } = await startServer(track, { sseRetryMs: 10 });
    const feed = openFeed('sse', { url: server.url, pollMs: 0 });
    track(() => feed.close());
    await waitForLine(/opened an event stream$/);
    for (let i = 1; i <= 3; i++) {
      server.ticker.tick();
      await feed.waitForCount(i);
    }
    server.dropConnections();
    server.ticker.tick();
    server.ticker.tick();
    await waitForLine(/opened an event stream after event 3$/);
    await feed.waitForCount(5);
    server.ticker.tick();
    await feed.waitForCount(6);
    expect(numbers(feed)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
