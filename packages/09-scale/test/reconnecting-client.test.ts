import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { ReconnectingChat } from '../src/index.ts';
import { join, Peer, startTestRedis, startTestServer } from './helpers.ts';

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

    const ann = await join(track, [server.url, `ws://127.0.0.1:${port}/ws`], { name: 'ann' });
    const attempt = once(silent, 'connection');
    await server.close();
    await attempt;
    expect(ann.states.at(-1)).toMatchObject({ state: 'reconnecting', code: 1001 });
    await ann.chat.close(); // rejected before, with "closed before the connection was established"
    expect(ann.chat.connected).toBe(false);
  });

  it("passes ws's options to every connection, and stays away after a close code it is told to", async () => {
    // A bare ws server: lesson 10's answers a user who sends too fast with 1008.
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await once(wss, 'listening');
    track(() => new Promise((resolve) => wss.close(resolve)));
    const cookies: (string | undefined)[] = [];
    wss.on('connection', (socket, request) => {
      cookies.push(request.headers.cookie);
      if (cookies.length === 1) socket.close(1012, 'service restart');
      else socket.close(1008, 'too fast');
    });
    const { port } = wss.address() as { port: number };

    const chat = new ReconnectingChat({
      urls: [`ws://127.0.0.1:${port}/ws`],
      name: '',
      reconnectMinMs: 20,
      reconnectMaxMs: 200,
      wsOptions: { headers: { Cookie: 'session=ann' } },
      finalCodes: [1008],
    });
    track(() => chat.close());
    const ann = new Peer(chat); // join() would wait for a welcome this server never sends
    await ann.until(() => ann.states.some((state) => state.state === 'closed'));
    expect(cookies).toEqual(['session=ann', 'session=ann']);
    expect(ann.states.map((state) => state.state)).toEqual([
      'connected',
      'reconnecting',
      'connected',
      'closed',
    ]);
    expect(ann.states[1]).toMatchObject({ code: 1012, reason: 'service restart' });
    expect(ann.states[3]).toMatchObject({ code: 1008, reason: 'too fast' });
    expect(ann.chat.connected).toBe(false);
  });
});
