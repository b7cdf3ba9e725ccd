import { useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import {
  chatMessage,
  connectionId,
  join,
  redisClient,
  startTestRedis,
  startTestServer,
} from './helpers.ts';

const track = useCleanup();

describe('the Redis pub/sub bus', () => {
  it('carries messages between two servers', async () => {
    const redis = await startTestRedis(track);
    const a = await startTestServer(track, redis.url, { bus: 'pubsub' });
    const b = await startTestServer(track, redis.url, { bus: 'pubsub' });
    const ann = await join(track, a.server.url, { name: 'ann' });
    const bob = await join(track, b.server.url, { name: 'bob' });
    ann.chat.send('hi bob');
    expect(await bob.waitForTexts(1)).toEqual(['hi bob']);
    expect(bob.messages[0]).not.toHaveProperty('id');
  });

  it('misses for good what is published while its connection to Redis is down', async () => {
    const redis = await startTestRedis(track);
    const a = await startTestServer(track, redis.url, { bus: 'pubsub' });
    const ann = await join(track, a.server.url, { name: 'ann' });
    ann.chat.send('before');
    await ann.waitForTexts(1);

    // Cut server a's subscriber off and publish in one transaction, so the
    // message is surely published while it is away: nobody receives it.
    const test = redisClient(track, redis.url);
    const subscriber = await connectionId(test, 'bus-subscriber');
    const replies = await test
      .multi()
      .client('KILL', 'ID', subscriber)
      .publish('chat', JSON.stringify(chatMessage('while away')))
      .exec();
    expect(replies?.[1]).toEqual([null, 0]); // PUBLISH: delivered to 0 subscribers
    await a.waitForLine(/bus subscriber: Redis is back/);

    // ioredis subscribed again, so what comes next arrives; what was said
    // meanwhile does not, not now and not later.
    ann.chat.send('after');
    expect(await ann.waitForTexts(2)).toEqual(['before', 'after']);
  });

  it('tells a client resuming with ?since that it may have missed some: pub/sub keeps nothing', async () => {
    const redis = await startTestRedis(track);
    const a = await startTestServer(track, redis.url, { bus: 'pubsub' });
    const back = await join(track, a.server.url, { since: '1700000000000-0' });
    expect(back.events[0]).toEqual({ type: 'gap' });
  });
});
