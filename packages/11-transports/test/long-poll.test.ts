import { useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { fetchRaw, startServer } from './helpers.ts';

const track = useCleanup();

describe('GET /long-poll', () => {
  it('answers at once with every kept tick after `after`', async () => {
    const { server } = await startServer(track);
    for (let i = 0; i < 4; i++) server.ticker.tick();
    const answer = await fetchRaw(new URL('/long-poll?after=1', server.url).href);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).map((tick: { n: number }) => tick.n)).toEqual([2, 3, 4]);
  });

  it('holds a poll with nothing new until the next tick', async () => {
    const { server } = await startServer(track);
    server.ticker.tick();
    const answer = fetchRaw(new URL('/long-poll?after=1', server.url).href);
    await expect.poll(() => server.longPolls.held).toBe(1);
    server.ticker.tick();
    const { status, body } = await answer;
    expect(status).toBe(200);
    expect(JSON.parse(body).map((tick: { n: number }) => tick.n)).toEqual([2]);
    expect(server.longPolls.held).toBe(0);
  });

  it('answers 204 when nothing happens before LONG_POLL_TIMEOUT_MS', async () => {
    const { server } = await startServer(track, { longPollTimeoutMs: 20 });
    const answer = await fetchRaw(new URL('/long-poll', server.url).href);
    expect(answer).toMatchObject({ status: 204, body: '' });
    expect(server.longPolls.held).toBe(0);
  });

  it('holds at most MAX_HELD_POLLS polls and answers the rest 503 with Retry-After', async () => {
    const { server, waitForLine } = await startServer(track, { maxHeldPolls: 2 });
    const url = new URL('/long-poll', server.url).href;
    const held = [fetchRaw(url), fetchRaw(url)];
    await expect.poll(() => server.longPolls.held).toBe(2);

    const refused = await fetchRaw(url);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    await waitForLine(/warn: refused a long poll from 127\.0\.0\.1:\d+: 2 already held \(503\)/);
    expect(server.longPolls.held).toBe(2);

    // The held ones lose nothing: the next tick answers both, and frees their places.
    server.ticker.tick();
    for (const answer of await Promise.all(held)) {
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject([{ n: 1 }]);
    }
    expect(server.longPolls.held).toBe(0);
    const again = fetchRaw(url);
    await expect.poll(() => server.longPolls.held).toBe(1);
    server.ticker.tick();
    expect((await again).status).toBe(200);
  });

  it('forgets a poll whose client went away', async () => {
    const { server } = await startServer(track);
    const controller = new AbortController();
    const gone = fetch(new URL('/long-poll', server.url), { signal: controller.signal });
    await expect.poll(() => server.longPolls.held).toBe(1);
    controller.abort();
    await expect(gone).rejects.toThrow();
    await expect.poll(() => server.longPolls.held).toBe(0);
  });
});

describe('a client of an earlier run of the server', () => {
  it('gets every kept tick for an `after` beyond the latest, since the count restarted', async () => {
    const { server } = await startServer(track);
    server.ticker.tick();
    server.ticker.tick();
    const longPoll = await fetchRaw(new URL('/long-poll?after=99', server.url).href);
    expect(JSON.parse(longPoll.body).map((tick: { n: number }) => tick.n)).toEqual([1, 2]);
    const poll = await fetchRaw(new URL('/poll?after=99', server.url).href);
    expect(poll.status).toBe(200);
    expect(JSON.parse(poll.body)).toMatchObject({ n: 2 });
    expect((await fetchRaw(new URL('/poll?after=2', server.url).href)).status).toBe(204);
  });
});
