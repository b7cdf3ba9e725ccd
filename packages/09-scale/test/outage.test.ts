import { useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { NOT_SENT } from '../src/bus-hub.ts';
import { startRedisServer } from '../src/redis-server.ts';
import { join, startTestRedis, startTestServer } from './helpers.ts';

const track = useCleanup();

describe('a Redis outage', () => {
  it('keeps every client connected, tells senders their message was not sent, and carries on when Redis is back', async () => {
    const redis = await startTestRedis(track);
    const a = await startTestServer(track, redis.url);
    const b = await startTestServer(track, redis.url);
    const ann = await join(track, a.server.url, { name: 'ann' });
    const bob = await join(track, b.server.url, { name: 'bob' });
    ann.chat.send('before');
    await bob.waitForTexts(1);

    await redis.stop();
    await a.waitForLine(/bus writer: lost Redis at redis:\/\/127\.0\.0\.1:\d+; reconnecting/);
    ann.chat.send('during');
    expect(await ann.waitForEvent('error')).toEqual({ type: 'error', message: NOT_SENT });
    await a.waitForLine(/ann's message was not sent: /);

    // The same port, as a restarted Redis would be.
    const restarted = await startRedisServer(redis.port);
    track(() => restarted.stop());
    await a.waitForLine(/bus writer: Redis is back/);
    await a.waitForLine(/bus reader: Redis is back/);
    await b.waitForLine(/bus reader: Redis is back/);
    ann.chat.send('after');

    expect(await bob.waitForTexts(2)).toEqual(['before', 'after']);
    expect(await ann.waitForTexts(2)).toEqual(['before', 'after']);
    for (const peer of [ann, bob]) {
      expect(peer.chat.connected).toBe(true);
      expect(peer.states.filter((state) => state.state === 'reconnecting')).toEqual([]);
    }
  });

  it('does not keep a server from closing while Redis is down', async () => {
    const redis = await startTestRedis(track);
    const a = await startTestServer(track, redis.url);
    await join(track, a.server.url, { name: 'ann' });
    await redis.stop();
    await a.waitForLine(/bus reader: lost Redis/);
    await a.server.close();
  });
});
