import { fileURLToPath } from 'node:url';
import { type RunningScript, type ScriptOptions, startScript, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { join, type Peer, startTestRedis } from './helpers.ts';

// Real server processes, as `pnpm lesson scale server` starts them, on one real Redis.

const track = useCleanup();
const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** bin/server.ts on `redisUrl`, stopped after the test; resolves with its WebSocket URL. */
async function startServerProcess(
  redisUrl: string,
  env: Record<string, string> = {},
  scriptOptions: ScriptOptions = {},
): Promise<{ script: RunningScript; wsUrl: string }> {
  const script = startScript(
    packageDir,
    'bin/server.ts',
    { REDIS_URL: redisUrl, LOG_LEVEL: 'info', ...env },
    scriptOptions,
  );
  track(() => script.stop());
  const url = await script.ready();
  return { script, wsUrl: `${url.replace(/^http/, 'ws')}ws` };
}

function joinMany(urls: string | string[], count: number, prefix: string): Promise<Peer[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) => join(track, urls, { name: `${prefix}${i}` })),
  );
}

describe('two server processes on one Redis', () => {
  it('50 clients on each, a sender on each: everyone gets every message, in one order', async () => {
    const redis = await startTestRedis(track);
    const a = await startServerProcess(redis.url);
    const b = await startServerProcess(redis.url);
    const onA = await joinMany(a.wsUrl, 50, 'a');
    const onB = await joinMany(b.wsUrl, 50, 'b');
    const [senderA, senderB] = [onA[0]!, onB[0]!];

    for (let i = 1; i <= 20; i++) {
      senderA.chat.send(`from a ${i}`);
      senderB.chat.send(`from b ${i}`);
    }
    const everyone = [...onA, ...onB];
    await Promise.all(everyone.map((peer) => peer.waitForTexts(40)));

    const order = senderA.messages.map((message) => message.id);
    expect(new Set(order).size).toBe(40);
    for (const peer of everyone) {
      expect(peer.messages.map((message) => message.id)).toEqual(order);
    }
    // Each sender's own messages keep the order it sent them in.
    const texts = senderB.texts;
    expect(texts.filter((text) => text.startsWith('from a'))).toEqual(
      Array.from({ length: 20 }, (_, i) => `from a ${i + 1}`),
    );
    expect(texts.filter((text) => text.startsWith('from b'))).toEqual(
      Array.from({ length: 20 }, (_, i) => `from b ${i + 1}`),
    );
  });

  it('a server killed with SIGKILL: its clients reconnect to the other and, with since, lose nothing', async () => {
    const redis = await startTestRedis(track);
    const a = await startServerProcess(redis.url);
    const b = await startServerProcess(redis.url);
    // As behind a load balancer: each client knows both, and tries the next after a drop.
    const onA = await joinMany([a.wsUrl, b.wsUrl], 10, 'a');
    const sender = await join(track, b.wsUrl, { name: 'sender' });

    // One message at a time, the next when the last came back: messages flow
    // before, during and after the kill.
    const total = 30;
    const expected = Array.from({ length: total }, (_, i) => `m${i + 1}`);
    sender.chat.send(expected[0]!);
    sender.chat.on('event', (event) => {
      if (event.type !== 'message' || event.from !== 'sender') return;
      const sent = Number(event.text.slice(1));
      if (sent === 5) a.script.child.kill('SIGKILL');
      if (sent < total) sender.chat.send(expected[sent]!);
    });

    await a.script.exited;
    await Promise.all(onA.map((peer) => peer.waitForTexts(total)));
    for (const peer of onA) {
      expect(peer.texts).toEqual(expected);
      expect(peer.states.some((state) => state.state === 'reconnecting')).toBe(true);
      expect(peer.events.some((event) => event.type === 'gap')).toBe(false);
    }
  });
});

/**
 * bin/server.ts with WORKERS=2, once both workers listen. In a process group,
 * as in a terminal: Ctrl+C reaches the primary and both workers.
 */
async function startTwoWorkers() {
  const redis = await startTestRedis(track);
  const server = await startServerProcess(redis.url, { WORKERS: '2' }, { group: true });
  await server.script.waitForLine(
    /^\[scale\] listening on http:\/\/localhost:\d+\/ \(2 workers\)$/,
  );
  let joined = 0;
  /** Joins one more client, and says which worker the primary handed it to (the log says). */
  const joinWorker = async () => {
    const name = `c${joined++}`;
    const peer = await join(track, server.wsUrl, { name });
    const [, worker] = await server.script.waitForLine(
      new RegExp(`^\\[scale worker (\\d+)\\] ${name} connected`),
    );
    return { peer, worker: worker! };
  };
  return { script: server.script, joinWorker };
}

describe('WORKERS=2', () => {
  it('runs two worker processes on one port, and clients on different workers chat', async () => {
    const { script, joinWorker } = await startTwoWorkers();
    // Join until two clients are on different workers.
    const onWorker = new Map<string, Peer>();
    while (onWorker.size < 2) {
      const { peer, worker } = await joinWorker();
      if (!onWorker.has(worker)) onWorker.set(worker, peer);
    }
    const [first, second] = [...onWorker.values()] as [Peer, Peer];
    first.chat.send('across workers');
    expect(await second.waitForTexts(1)).toEqual(['across workers']);

    // Ctrl+C reaches all three; the primary tells the workers, each says so as it
    // closes, and the primary's goodbye comes last.
    expect(await script.stop('SIGINT')).toBe(0);
    const closing = script.output.filter((line) => /received|closed/.test(line));
    expect(closing[0]).toBe('[scale] SIGINT received: closing (press Ctrl+C again to force)');
    expect(closing.slice(1, 3).sort()).toEqual([
      '[scale worker 1] closed',
      '[scale worker 2] closed',
    ]);
    expect(closing.slice(3)).toEqual(['[scale] closed, bye']);
  });

  it('starts another worker when one ends, and the clients it had come back to the chat', async () => {
    const { script, joinWorker } = await startTwoWorkers();
    const [, pid] = await script.waitForLine(/^\[scale\] started worker 1 \(pid (\d+)\)$/);
    // Join until one client is on worker 1.
    const peers: Peer[] = [];
    let onWorker1: Peer | undefined;
    while (onWorker1 === undefined) {
      const { peer, worker } = await joinWorker();
      peers.push(peer);
      if (worker === '1') onWorker1 = peer;
    }

    process.kill(Number(pid), 'SIGTERM');
    await script.waitForLine(/^\[scale worker 1\] closed$/);
    await script.waitForLine(/^\[scale\] warn: worker 1 exited \(0\); starting another$/);
    await script.waitForLine(/^\[scale worker 3\] listening on /);

    // Worker 1's client was told 1001, came back (to worker 2 or 3), and chats on.
    const { states } = onWorker1;
    await onWorker1.until(() => {
      const away = states.findIndex((state) => state.state === 'reconnecting');
      return away >= 0 && states.slice(away).some((state) => state.state === 'connected');
    });
    peers[0]!.chat.send('after the restart');
    for (const peer of peers) expect(await peer.waitForTexts(1)).toEqual(['after the restart']);
  });
});
