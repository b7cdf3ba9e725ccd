import { CloseCode } from '@sockets/frames';
import { SEND_BUFFER_LIMIT } from '@sockets/shared';
import { captureLogger, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { TOO_SLOW_REASON } from '../src/hub.ts';
import { startChatServer } from '../src/server.ts';
import { joinChat, leave } from './chat-peer.ts';

const track = useCleanup();

// Big messages, so that the slow reader's kernel buffers (a few MB on
// loopback) fill after a few hundred of them rather than many thousands.
const PADDING = 'x'.repeat(32 * 1024);

describe.each([
  { limit: 'message', sendQueueLimit: 8, sendQueueBytes: 10 * 1024 * 1024 },
  { limit: 'byte', sendQueueLimit: 10_000, sendQueueBytes: 128 * 1024 },
])('a client that stops reading (queue $limit limit)', ({ sendQueueLimit, sendQueueBytes }) => {
  it('is evicted once its queue is full, while the others get everything, in order', async () => {
    const { log, waitForLine } = captureLogger('chat');
    const server = await startChatServer({ port: 0, log, sendQueueLimit, sendQueueBytes });
    track(() => server.close());
    const readers = [await joinChat(server.url, 'ann'), await joinChat(server.url, 'bob')];
    const slow = await joinChat(server.url, 'slow');
    for (const peer of [...readers, slow]) track(() => leave(peer));
    await slow.waitFor((event) => event.type === 'welcome');
    // Stop reading from the socket: the kernel's buffers fill, then ws's, then the queue.
    slow.socket.pause();
    const slowOnServer = [...server.hub.members].find((member) => member.name === 'slow')!;
    const evicted = waitForLine(/slow evicted/);

    let sent = 0;
    let longestQueue = 0;
    while (server.hub.members.has(slowOnServer)) {
      if (sent === 2000) throw new Error('2000 messages and the slow client is still there');
      server.hub.broadcast({
        type: 'message',
        from: 'test',
        text: `${sent} ${PADDING}`,
        at: 0,
        online: 3,
      });
      sent += 1;
      // The hub never holds more for anyone than the limits allow.
      for (const member of server.hub.members) {
        expect(member.queuedMessages).toBeLessThanOrEqual(sendQueueLimit);
        expect(member.queuedBytes).toBeLessThanOrEqual(sendQueueBytes);
        expect(member.bufferedBytes).toBeLessThan(SEND_BUFFER_LIMIT + PADDING.length + 100);
      }
      longestQueue = Math.max(longestQueue, slowOnServer.queuedBytes);
      // Lock-step with the fast readers, so only the paused one falls behind.
      await Promise.all(readers.map((peer) => peer.waitForTexts(sent)));
    }
    await evicted;
    expect(longestQueue).toBeGreaterThan(0); // it did queue before it was evicted

    // The fast readers got every message, once, in order, and were told who left.
    const expected = Array.from({ length: sent }, (_, i) => `${i} ${PADDING}`);
    for (const peer of readers) {
      expect(peer.texts).toEqual(expected);
      await peer.waitFor((event) => event.type === 'leave' && event.name === 'slow');
    }

    // When the slow one reads again, it finds an in-order prefix and the reason it was dropped.
    slow.socket.resume();
    expect(await slow.closed).toEqual({ code: CloseCode.tryAgainLater, reason: TOO_SLOW_REASON });
    expect(slow.texts.length).toBeLessThan(sent);
    expect(slow.texts).toEqual(expected.slice(0, slow.texts.length));
  });
});

describe('a client that falls behind and catches up', () => {
  it('gets every message it missed, in order, once its socket drains', async () => {
    const { log } = captureLogger('chat');
    // Limits high enough that falling behind is not yet "too slow".
    const server = await startChatServer({
      port: 0,
      log,
      sendQueueLimit: 100_000,
      sendQueueBytes: 100 * 1024 * 1024,
    });
    track(() => server.close());
    const slow = await joinChat(server.url, 'slow');
    track(() => leave(slow));
    await slow.waitFor((event) => event.type === 'welcome');
    slow.socket.pause();
    const slowOnServer = [...server.hub.members].find((member) => member.name === 'slow')!;

    // Small messages, so that each flush sends many queued ones together
    // (one write: member.ts's `flush`). Written without awaiting, as a busy
    // room would: the kernel's buffers fill, then ws's, then the queue.
    const text = (n: number) => `${n} ${'y'.repeat(1000)}`;
    let sent = 0;
    while (slowOnServer.queuedMessages < 200) {
      if (sent === 50_000) throw new Error('50,000 messages and nothing queued');
      server.hub.broadcast({ type: 'message', from: 'test', text: text(sent), at: 0, online: 1 });
      sent += 1;
    }

    slow.socket.resume();
    await slow.waitForTexts(sent);
    expect(slow.texts).toEqual(Array.from({ length: sent }, (_, i) => text(i)));
    expect(slowOnServer.queuedMessages).toBe(0);
    expect(server.hub.members.has(slowOnServer)).toBe(true);
  });
});

describe('many slow clients at once', () => {
  it('evicts each one once: one log line, one close frame', async () => {
    const { log, lines, waitForLine } = captureLogger('chat');
    const server = await startChatServer({ port: 0, log, sendQueueLimit: 4 });
    track(() => server.close());
    const peers = [];
    for (let i = 0; i < 12; i += 1) {
      const peer = await joinChat(server.url, `slow-${i}`);
      track(() => leave(peer));
      peers.push(peer);
    }
    await Promise.all(peers.map((peer) => peer.waitFor((event) => event.type === 'welcome')));

    // A frame bigger than SEND_BUFFER_LIMIT makes every client wait for its
    // socket to drain (member.ts's `#addToOutbox`), and until the event loop turns
    // again, what follows it queues, for everyone alike. So the whole room's
    // queues fill on the same message and everyone is evicted by one broadcast;
    // each eviction announces a leave to the others, whose queues are full too.
    const big = 'x'.repeat(SEND_BUFFER_LIMIT);
    for (let i = 0; i < 6; i += 1) {
      server.hub.broadcast({
        type: 'message',
        from: 'test',
        text: `${i} ${big}`,
        at: 0,
        online: 12,
      });
    }

    const evictions = lines.filter((line) => line.includes('evicted'));
    expect(evictions.sort()).toEqual(
      peers
        .map((_, i) => `[chat] warn: slow-${i} evicted: too slow, its send queue is full`)
        .sort(),
    );
    expect(server.hub.size).toBe(0);
    for (const [i, peer] of peers.entries()) {
      expect(await peer.closed).toEqual({ code: CloseCode.tryAgainLater, reason: TOO_SLOW_REASON });
      await waitForLine(new RegExp(`slow-${i} disconnected`));
    }
    // ws says so in its 'close' event, which comes once per connection.
    expect(lines.filter((line) => line.includes('disconnected'))).toHaveLength(peers.length);
  });
});
