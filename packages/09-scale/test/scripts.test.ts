import { mkdtempSync, symlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startScript, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { NOT_SENT } from '../src/bus-hub.ts';
import { installRedisHint } from '../src/redis-server.ts';
import { join, startTestRedis, startTestServer } from './helpers.ts';

const track = useCleanup();
const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** Resolves true if something accepts TCP connections on 127.0.0.1:`port`. */
function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('bin/server.ts', () => {
  it('with REDIS_URL unset, starts a private redis-server, prints its ready line, and on SIGINT stops both and exits 0', async () => {
    const server = startScript(packageDir, 'bin/server.ts', { REDIS_URL: '' });
    track(() => server.stop());
    const [, redisPort] = await server.waitForLine(
      /^\[scale\] started a private redis-server at redis:\/\/127\.0\.0\.1:(\d+) /,
    );
    const url = await server.ready();
    expect(url).toMatch(/^http:\/\/localhost:\d+\/$/);
    const ann = await join(track, `${url.replace(/^http/, 'ws')}ws`, { name: 'ann' });
    ann.chat.send('hello');
    expect(await ann.waitForTexts(1)).toEqual(['hello']);

    expect(await server.stop('SIGINT')).toBe(0);
    expect(await isListening(Number(redisPort))).toBe(false);
  });

  it('stops its private redis-server when interrupted while still starting', async () => {
    // WORKERS=2: starting two workers takes a while, so SIGINT arrives mid-start.
    const server = startScript(packageDir, 'bin/server.ts', { REDIS_URL: '', WORKERS: '2' });
    track(() => server.stop());
    const [, redisPort] = await server.waitForLine(
      /^\[scale\] started a private redis-server at redis:\/\/127\.0\.0\.1:(\d+) /,
    );
    expect([0, 130]).toContain(await server.stop('SIGINT'));
    expect(await isListening(Number(redisPort))).toBe(false);
  });

  it('without redis-server on the PATH, says in one line how to get one, and exits 1', async () => {
    // A PATH with node on it and nothing else.
    const bare = mkdtempSync(joinPath(tmpdir(), 'no-redis-'));
    symlinkSync(process.execPath, joinPath(bare, 'node'));
    const server = startScript(packageDir, 'bin/server.ts', { REDIS_URL: '', PATH: bare });
    track(() => server.stop());
    expect(await server.exited).toBe(1);
    expect(server.output).toEqual([`[scale] error: ${installRedisHint}`]);
  });

  it('explains in one line a REDIS_URL where nothing answers, and exits 1', async () => {
    const redis = await startTestRedis(track);
    await redis.stop();
    const server = startScript(packageDir, 'bin/server.ts', { REDIS_URL: redis.url });
    track(() => server.stop());
    expect(await server.exited).toBe(1);
    expect(server.output).toHaveLength(1);
    expect(server.output[0]).toMatch(
      /^\[scale\] error: cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+: connection refused by .*\(ECONNREFUSED\)$/,
    );
  });

  it('explains a HISTORY_LIMIT its send queues cannot hold, and exits 1', async () => {
    const server = startScript(packageDir, 'bin/server.ts', {
      HISTORY_LIMIT: '300',
      SEND_QUEUE_LIMIT: '256',
    });
    track(() => server.stop());
    expect(await server.exited).toBe(1);
    expect(server.output).toEqual([
      '[scale] error: HISTORY_LIMIT (300) must be at most SEND_QUEUE_LIMIT (256): a returning client is sent that many messages at once',
    ]);
  });
  it('explains a STREAM_LENGTH shorter than the history it must hold, and exits 1', async () => {
    const server = startScript(packageDir, 'bin/server.ts', {
      HISTORY_LIMIT: '100',
      STREAM_LENGTH: '50',
    });
    track(() => server.stop());
    expect(await server.exited).toBe(1);
    expect(server.output).toEqual([
      '[scale] error: STREAM_LENGTH (50) must be at least HISTORY_LIMIT (100): the history is read from the stream',
    ]);
  });

  it('explains a BUS it does not know, and exits 1', async () => {
    const server = startScript(packageDir, 'bin/server.ts', { BUS: 'kafka' });
    track(() => server.stop());
    expect(await server.exited).toBe(1);
    expect(server.output).toEqual([
      '[scale] error: BUS must be "streams" or "pubsub", got "kafka"',
    ]);
  });
});

describe('bin/client.ts', () => {
  it('with COUNT=3 sends three messages, sees them come back, and exits 0', async () => {
    const redis = await startTestRedis(track);
    const { server } = await startTestServer(track, redis.url);
    const client = startScript(packageDir, 'bin/client.ts', {
      URL: server.url,
      NAME: 'ann',
      COUNT: '3',
    });
    track(() => client.stop());
    expect(await client.exited).toBe(0);
    expect(client.output).toEqual([
      `[scale] connected to ${server.url}?name=ann`,
      '[scale] * you are ann (1 online)',
      '[scale] * ann joined (1 online)',
      '[scale] ann: hello 1 of 3',
      '[scale] ann: hello 2 of 3',
      '[scale] ann: hello 3 of 3',
      '[scale] closed (1000 "done")',
    ]);
  });

  it('with COUNT, exits 1 saying why when a message is refused (Redis is down)', async () => {
    const redis = await startTestRedis(track);
    const chat = await startTestServer(track, redis.url);
    await redis.stop();
    await chat.waitForLine(/bus writer: lost Redis/);
    const client = startScript(packageDir, 'bin/client.ts', {
      URL: chat.server.url,
      NAME: 'ann',
      COUNT: '1',
    });
    track(() => client.stop());
    expect(await client.exited).toBe(1);
    expect(client.output.at(-1)).toBe(`[scale] error: ${NOT_SENT}`);
  });

  it('reconnects after its server goes, resumes where it was, and closes on SIGINT with exit 0', async () => {
    const redis = await startTestRedis(track);
    const first = await startTestServer(track, redis.url);
    const port = new URL(first.server.url).port;
    const client = startScript(packageDir, 'bin/client.ts', {
      URL: first.server.url,
      NAME: 'bob',
      RECONNECT_MIN_MS: '50',
      RECONNECT_MAX_MS: '200',
    });
    track(() => client.stop());
    await client.waitForLine(/you are bob/);
    client.child.stdin?.write('one\n');
    await client.waitForLine(/^\[scale\] bob: one$/);

    await first.server.close();
    await client.waitForLine(
      /^\[scale\] warn: connection lost \(1001\); reconnecting in \d+\.\d s$/,
    );
    const second = await startTestServer(track, redis.url, { port: Number(port) });
    const other = await join(track, second.server.url, { name: 'cat' });
    other.chat.send('said while bob was away');
    await other.waitForTexts(1);
    await client.waitForLine(
      /^\[scale\] connected to ws:\/\/localhost:\d+\/ws\?name=bob&since=\d+-\d+$/,
    );
    await client.waitForLine(/^\[scale\] cat: said while bob was away$/);
    expect(await client.stop('SIGINT')).toBe(0);
  });

  it('explains a refused first connection in one line and exits 1', async () => {
    const redis = await startTestRedis(track);
    const { server } = await startTestServer(track, redis.url);
    const url = server.url;
    await server.close();
    const client = startScript(packageDir, 'bin/client.ts', { URL: url });
    track(() => client.stop());
    expect(await client.exited).toBe(1);
    expect(client.output).toHaveLength(1);
    expect(client.output[0]).toMatch(/^\[scale\] error: connection refused by .*\(ECONNREFUSED\)$/);
  });
});
