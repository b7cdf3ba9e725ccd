import { captureLogger, loadExercise, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../src/messages.ts';
import { startChatServer } from '../../src/server.ts';
import { type ChatPeer, joinChat, leave } from '../../test/chat-peer.ts';

const { RingBuffer, HistoryHub } = await loadExercise<typeof import('./solution.ts')>(
  import.meta.url,
);

const track = useCleanup();

describe('RingBuffer', () => {
  it('holds what was pushed, oldest first, until it is full', () => {
    const ring = new RingBuffer<string>(3);
    expect(ring.toArray(), 'hint: empty at first').toEqual([]);
    ring.push('a');
    ring.push('b');
    expect(ring.toArray(), 'hint: oldest first').toEqual(['a', 'b']);
    expect(ring.size, 'hint: size counts the items held').toBe(2);
  });

  it('drops the oldest item once full', () => {
    const ring = new RingBuffer<number>(3);
    for (let i = 1; i <= 5; i++) ring.push(i);
    expect(ring.toArray(), 'hint: 1 and 2 were written over').toEqual([3, 4, 5]);
    expect(ring.size, 'hint: never more than capacity').toBe(3);
  });

  it('keeps the last `capacity` items whatever the count pushed', () => {
    for (const capacity of [1, 2, 5]) {
      for (let count = 0; count <= 12; count++) {
        const ring = new RingBuffer<number>(capacity);
        const pushed = Array.from({ length: count }, (_, i) => i);
        for (const item of pushed) ring.push(item);
        expect(ring.toArray(), `hint: capacity ${capacity}, ${count} pushed`).toEqual(
          pushed.slice(-capacity),
        );
      }
    }
  });

  it('refuses a capacity below 1', () => {
    expect(() => new RingBuffer(0), 'hint: throw a RangeError').toThrow(RangeError);
  });
});

describe('HistoryHub', () => {
  async function historyServer(historyLimit: number) {
    const { log } = captureLogger('chat');
    const hub = new HistoryHub({
      announceLimit: 100,
      broadcastEncoding: 'once',
      log,
      historyLimit,
    });
    const server = await startChatServer({ host: '127.0.0.1', port: 0, log }, { hub });
    track(() => server.close());
    return server;
  }

  async function join(wsUrl: string, name: string): Promise<ChatPeer> {
    const peer = await joinChat(wsUrl, name);
    track(() => leave(peer));
    return peer;
  }

  it('sends a newcomer the last messages after its welcome, and then the new ones', async () => {
    const server = await historyServer(3);
    const ann = await join(server.url, 'ann');
    for (let i = 1; i <= 5; i++) ann.socket.send(`ann ${i}`);
    await ann.waitForTexts(5);

    const bob = await join(server.url, 'bob');
    // Anything replayed reaches bob before a message sent after he joined.
    ann.socket.send('welcome, bob');
    await bob.waitFor((event) => event.type === 'message' && event.text === 'welcome, bob');
    expect(bob.texts, 'hint: the last 3 messages, oldest first, then the live ones').toEqual([
      'ann 3',
      'ann 4',
      'ann 5',
      'welcome, bob',
    ]);
    expect(bob.events[0]?.type, 'hint: history comes after the welcome').toBe('welcome');
    const replayed = bob.events.find((event) => event.type === 'message');
    expect(replayed, 'hint: replay the messages as they were sent').toMatchObject({
      type: 'message',
      from: 'ann',
      text: 'ann 3',
    });
  });

  it('keeps chat messages only, and replays to the newcomer only', async () => {
    const server = await historyServer(10);
    const ann = await join(server.url, 'ann');
    ann.socket.send('first');
    await ann.waitForTexts(1);
    const bob = await join(server.url, 'bob');
    const cat = await join(server.url, 'cat');
    ann.socket.send('second');
    const isSecond = (event: ChatEvent) => event.type === 'message' && event.text === 'second';
    await Promise.all([ann, bob, cat].map((peer) => peer.waitFor(isSecond)));
    expect(ann.texts, 'hint: only the newcomer gets the history').toEqual(['first', 'second']);
    expect(bob.texts, 'hint: joins are not stored as messages').toEqual(['first', 'second']);
    expect(cat.texts, 'hint: every newcomer gets the history').toEqual(['first', 'second']);
  });
});
