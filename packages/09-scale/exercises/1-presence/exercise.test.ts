import { loadExercise, useCleanup } from '@sockets/testkit';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { startRedisServer } from '../../src/redis-server.ts';

const { Presence } = await loadExercise<typeof import('./solution.ts')>(import.meta.url);

const track = useCleanup();

/** Two "processes" (two connections) on one real Redis, and a clock the spec moves. */
async function twoProcesses() {
  const server = await startRedisServer();
  track(() => server.stop());
  const clock = { ms: 1_000_000 };
  const presence = () => {
    const redis = new Redis(server.url);
    track(() => redis.disconnect());
    return new Presence({ redis, key: 'online', ttlMs: 30_000, now: () => clock.ms });
  };
  return { clock, first: presence(), second: presence() };
}

describe('Presence', () => {
  it('shows everyone, whichever process they are on, by name', async () => {
    const { first, second } = await twoProcesses();
    await first.here('zoe');
    await second.here('ann');
    await first.here('bob');
    expect(await first.online(), 'hint: ZADD in here(), ZRANGE in online()').toEqual([
      'ann',
      'bob',
      'zoe',
    ]);
    expect(await second.online(), 'hint: every process reads the same set').toEqual([
      'ann',
      'bob',
      'zoe',
    ]);
  });

  it('forgets whoever was not seen for ttlMs, and keeps whoever was seen again', async () => {
    const { clock, first, second } = await twoProcesses();
    await first.here('ann');
    await second.here('bob');
    clock.ms += 20_000;
    await first.here('ann'); // ann's heartbeat; bob's process was killed
    clock.ms += 10_000;
    expect(await second.online(), 'hint: bob was last seen 30 s ago: gone').toEqual(['ann']);
    clock.ms += 19_999;
    expect(await second.online(), 'hint: ann was seen 29.999 s ago: still here').toEqual(['ann']);
    clock.ms += 1;
    expect(await first.online(), 'hint: a score of now - ttlMs or less is stale').toEqual([]);
  });

  it('removes whoever leaves cleanly at once', async () => {
    const { first, second } = await twoProcesses();
    await first.here('ann');
    await second.here('bob');
    await second.gone('bob');
    expect(await first.online(), 'hint: ZREM in gone()').toEqual(['ann']);
  });
});
