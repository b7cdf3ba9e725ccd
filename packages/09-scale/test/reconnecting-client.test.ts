import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { join, startTestRedis, startTestServer } from './helpers.ts';

const track = useCleanup();

describe('ReconnectingChat', () => {
  it('after a drop tries the next URL, and closes cleanly while that attempt is still connecting', async () => {
    const redis = await startTestRedis(track);
    const { server } = await startTestServer(track, redis.url);
    // The next "server" accepts TCP connections and never answers the upgrade.
    const held: Socket[] = [];
    const silent = createServer((socket) => held.push(socket));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    track(() => {
      for (const socket of held) socket.destroy();
      silent.close();
    });
    const { port } = silent.address() as { port: number };

    const ann = await join(track, [server.wsUrl, `ws://127.0.0.1:${port}/ws`], { name: 'ann' });
    const attempt = once(silent, 'connection');
    await server.close();
    await attempt;
    expect(ann.states.at(-1)).toMatchObject({ state: 'reconnecting', code: 1001 });
    await ann.chat.close(); // rejected before, with "closed before the connection was established"
    expect(ann.chat.connected).toBe(false);
  });
});
