import { once } from 'node:events';
import { connect as tcpConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { leave } from '@sockets/chat/testing';
import { captureLogger, useCleanup } from '@sockets/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { MessageRate } from '../src/limits.ts';
import type { DeployServerOptions } from '../src/options.ts';
import { startDeployServer } from '../src/server.ts';
import { connect, login, refusedUpgrade, testCertificates } from './helpers.ts';

const track = useCleanup();
const certs = testCertificates();
afterAll(() => certs.remove());
const { ca } = certs.tls;

async function startServer(options: Partial<DeployServerOptions>) {
  const captured = captureLogger('deploy');
  const server = await startDeployServer(
    { host: '127.0.0.1', port: 0, log: captured.log, ...options },
    { tls: certs.tls },
  );
  track(() => server.close());
  const cookie = await login(server.pageUrl, ca, 'ann');
  /** Joins as ann, as if from `forwardedFor` when given (X-Forwarded-For). */
  const join = async (forwardedFor?: string) => {
    const headers: Record<string, string> = { Cookie: cookie };
    if (forwardedFor !== undefined) headers['X-Forwarded-For'] = forwardedFor;
    const peer = await connect(server.url, { ca, headers });
    track(() => leave(peer));
    return peer;
  };
  const refused = (forwardedFor: string) =>
    refusedUpgrade(server.url, {
      ca,
      headers: { Cookie: cookie, 'X-Forwarded-For': forwardedFor },
    });
  return { server, join, refused, cookie, ...captured };
}

describe('connections per address', () => {
  it('refuses one more than maxConnectionsPerIp with 429, and lets one in again after a close', async () => {
    const { join, refused, waitForLine } = await startServer({ maxConnectionsPerIp: 2 });
    const first = await join();
    await join();
    const answer = await refused('ignored: 127.0.0.1 is not a trusted proxy');
    expect(answer.status).toBe(429);
    expect(answer.body).toBe('at most 2 connections per address\n');
    expect(await waitForLine(/with 429/)).toMatch(/from 127\.0\.0\.1 with 429: already 2 open/);
    await leave(first);
    await waitForLine(/ann disconnected/); // the server has seen it go, too
    await join();
  });

  it('counts by X-Forwarded-For only when the connection comes from a trusted proxy', async () => {
    const { join, refused, waitForLine } = await startServer({
      maxConnectionsPerIp: 1,
      trustedProxies: ['127.0.0.1'],
    });
    await join('203.0.113.7');
    await waitForLine(/ann connected from "203\.0\.113\.7" via 127\.0\.0\.1/);
    // Another visitor behind the same proxy is not held back by the first.
    await join('198.51.100.2');
    // A client that puts its own X-Forwarded-For in front is counted by the entry our proxy added.
    expect((await refused('192.0.2.99, 203.0.113.7')).status).toBe(429);
  });
});

describe('messages per second', () => {
  it('closes a user who sends more than messagesPerSecond with 1008, and relays none past it', async () => {
    const { server, join, waitForLine } = await startServer({ messagesPerSecond: 3 });
    const bob = await connect(server.url, {
      ca,
      headers: { Cookie: await login(server.pageUrl, ca, 'bob') },
    });
    track(() => leave(bob));
    const ann = await join();
    // Sent in one go: they reach the server within the same second.
    for (let i = 1; i <= 6; i++) ann.socket.send(`ann ${i}`);
    expect(await ann.closed).toEqual({ code: 1008, reason: 'too many messages' });
    expect(await waitForLine(/too fast/)).toMatch(/ann sends too fast: closing with 1008/);
    bob.socket.send('bob here');
    await bob.waitForText('bob here');
    expect(
      bob.events.flatMap((event) =>
        event.type === 'message' ? [`${event.from}: ${event.text}`] : [],
      ),
    ).toEqual(['ann: ann 1', 'ann: ann 2', 'ann: ann 3', 'bob: bob here']);
  });
});

describe('deadlines', () => {
  it('hangs up on a connection that does not finish its TLS handshake within handshakeTimeoutMs', async () => {
    const { server, waitForLine } = await startServer({ handshakeTimeoutMs: 200 });
    const silent = tcpConnect(Number(new URL(server.pageUrl).port), '127.0.0.1');
    track(() => silent.destroy());
    await once(silent, 'connect');
    await once(silent, 'close');
    expect(await waitForLine(/TLS handshake failed/)).toMatch(/TLS handshake timeout/);
  });

  it('answers 408 to a connection that finishes TLS but sends no request within handshakeTimeoutMs', async () => {
    const { server } = await startServer({ handshakeTimeoutMs: 300 });
    const silent = tlsConnect({
      port: Number(new URL(server.pageUrl).port),
      host: '127.0.0.1',
      ca,
      servername: 'localhost',
    });
    track(() => silent.destroy());
    await once(silent, 'secureConnect');
    const chunks: Buffer[] = [];
    silent.on('data', (chunk: Buffer) => chunks.push(chunk));
    await once(silent, 'close');
    expect(Buffer.concat(chunks).toString()).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
  });

  it('closes a WebSocket whose user says nothing for idleTimeoutMs, though it answers pings', async () => {
    const { join, waitForLine } = await startServer({
      idleTimeoutMs: 300,
      pingIntervalMs: 50,
      pongTimeoutMs: 1000,
    });
    const ann = await join();
    expect(await ann.closed).toEqual({ code: 1000, reason: 'idle for too long' });
    await waitForLine(/ann idle for 300 ms: closing with 1000/);
  });
});

describe('MessageRate', () => {
  it('remembers about as many users as spoke in the last second, however many ever did', () => {
    let now = 0;
    const rate = new MessageRate(5, () => now);
    for (let user = 0; user < 10_000; user++) {
      rate.allow(`user-${user}`);
      now += 1; // 1 ms apart: about 1000 users in any one second
    }
    expect(rate.size).toBeLessThanOrEqual(2048 + 1000);
    // What it forgot made no difference: a user's second message in a new second is allowed.
    expect(rate.allow('user-0')).toBe(true);
  });

  it('counts per user across their sockets, and starts again each second', () => {
    let now = 0;
    const rate = new MessageRate(2, () => now);
    expect([rate.allow('ann'), rate.allow('ann'), rate.allow('ann')]).toEqual([true, true, false]);
    expect(rate.allow('bob')).toBe(true);
    now = 1000;
    expect(rate.allow('ann')).toBe(true);
  });
});
