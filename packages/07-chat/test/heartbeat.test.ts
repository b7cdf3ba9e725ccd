import { once } from 'node:events';
import { captureLogger, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { startChatServer } from '../src/server.ts';
import { joinChat, leave } from './chat-peer.ts';
import { startTestServer } from './chat-server.ts';

const track = useCleanup();

// seed 004's 54 s / 60 s, shrunk: a ping every 100 ms, and a peer must answer
// within 400 ms of its last pong (so within 300 ms of each ping: wide enough
// that a loaded CI machine's stalls do not drop a peer that did answer).
const pingIntervalMs = 100;
const pongTimeoutMs = 400;

const startServer = () => startTestServer(track, { pingIntervalMs, pongTimeoutMs });

describe('the heartbeat', () => {
  it('keeps a client that answers pings, however quiet it is otherwise', async () => {
    const { server } = await startServer();
    const ann = await joinChat(server.url, 'ann');
    track(() => leave(ann));
    // Six pings take at least 5 × 100 ms, longer than the 400 ms timeout: ws answers each.
    let pings = 0;
    while (pings < 6) {
      await once(ann.socket, 'ping');
      pings += 1;
    }
    expect(ann.socket.readyState).toBe(ann.socket.OPEN);
    expect(server.hub.size).toBe(1);
  });

  it('drops a peer that does not answer, within the pong timeout, and tells the others', async () => {
    const { server, waitForLine } = await startServer();
    const ann = await joinChat(server.url, 'ann');
    track(() => leave(ann));
    const connectedAt = performance.now();
    // autoPong: false makes ws behave like a peer that has gone away.
    const silent = await joinChat(server.url, 'silent', { autoPong: false });
    track(() => leave(silent));

    const { code } = await silent.closed;
    const elapsed = performance.now() - connectedAt;
    expect(code).toBe(1006); // cut off without a close frame: the peer is not listening
    expect(await waitForLine(/silent timed out/)).toBe(
      `[chat] warn: silent timed out: no pong within ${pongTimeoutMs} ms`,
    );
    // It had the whole answer window after a ping, and was gone soon after the
    // timeout (a second of slack for a busy CI machine's timers: without the
    // heartbeat it would never be dropped, so the bound still has teeth).
    expect(elapsed).toBeGreaterThanOrEqual(pongTimeoutMs - pingIntervalMs);
    expect(elapsed).toBeLessThan(pongTimeoutMs + 1000);
    expect(await ann.waitFor((event) => event.type === 'leave')).toMatchObject({ name: 'silent' });
    expect(ann.socket.readyState).toBe(ann.socket.OPEN);
  });

  it('refuses a pong timeout that is not longer than the ping interval', async () => {
    const { log } = captureLogger('chat');
    await expect(
      startChatServer({ port: 0, log, pingIntervalMs: 100, pongTimeoutMs: 100 }),
    ).rejects.toThrow('PONG_TIMEOUT_MS (100) must be greater than PING_INTERVAL_MS (100)');
  });
});
