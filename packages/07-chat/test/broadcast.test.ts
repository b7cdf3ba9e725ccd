import { useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { chooseName, uniqueName } from '../src/messages.ts';
import { joinChat, leave } from './chat-peer.ts';
import { startTestServer } from './chat-server.ts';

const track = useCleanup();

async function join(wsUrl: string, name?: string) {
  const peer = await joinChat(wsUrl, name);
  track(() => leave(peer));
  return peer;
}

describe('broadcast', () => {
  it('reaches every client exactly once, in the order the hub received the messages', async () => {
    const { server, lines } = await startTestServer(track);
    const ann = await join(server.url, 'ann');
    const bob = await join(server.url, 'bob');
    const cat = await join(server.url, 'cat');

    // Two people typing at once: their messages interleave somehow on the way
    // in, and whatever order the hub saw, everybody must see that same order.
    for (let i = 1; i <= 5; i++) {
      ann.socket.send(`ann ${i}`);
      bob.socket.send(`bob ${i}`);
    }
    const seen = await Promise.all([ann, bob, cat].map((peer) => peer.waitForTexts(10)));

    const hubOrder = lines
      .filter((line) => line.includes(' says '))
      .map((line) => JSON.parse(line.slice(line.indexOf(' says ') + 6)));
    expect(hubOrder).toHaveLength(10);
    for (const texts of seen) expect(texts).toEqual(hubOrder);
    // Each sender's own messages keep their order.
    expect(hubOrder.filter((text) => text.startsWith('ann'))).toEqual([
      'ann 1',
      'ann 2',
      'ann 3',
      'ann 4',
      'ann 5',
    ]);
  });

  it('wraps each message in an envelope with who sent it, when, and how many are online', async () => {
    const { server } = await startTestServer(track);
    const ann = await join(server.url, 'ann');
    const before = Date.now();
    ann.socket.send('  hello  ');
    const message = await ann.waitFor((event) => event.type === 'message');
    expect(message).toEqual({
      type: 'message',
      from: 'ann',
      text: 'hello',
      at: expect.any(Number),
      online: 1,
    });
    expect(message.type === 'message' && message.at).toBeGreaterThanOrEqual(before);
  });

  it('ignores empty messages', async () => {
    const { server } = await startTestServer(track);
    const ann = await join(server.url, 'ann');
    ann.socket.send('   ');
    ann.socket.send('after');
    expect(await ann.waitForTexts(1)).toEqual(['after']);
  });
});

describe('joins and leaves', () => {
  it('welcomes a newcomer, announces joins and leaves, and counts who is online', async () => {
    const { server } = await startTestServer(track);
    const ann = await join(server.url, 'ann');
    await ann.waitFor((event) => event.type === 'join');
    expect(ann.events).toEqual([
      { type: 'welcome', name: 'ann', online: 1, maxMessageBytes: 512 },
      { type: 'join', name: 'ann', online: 1 },
    ]);

    const bob = await join(server.url, 'bob');
    await bob.waitFor((event) => event.type === 'join');
    expect(bob.events[0]).toEqual({
      type: 'welcome',
      name: 'bob',
      online: 2,
      maxMessageBytes: 512,
    });
    expect(await ann.waitFor((event) => event.type === 'join' && event.name === 'bob')).toEqual({
      type: 'join',
      name: 'bob',
      online: 2,
    });

    await leave(bob);
    expect(await ann.waitFor((event) => event.type === 'leave')).toEqual({
      type: 'leave',
      name: 'bob',
      online: 1,
    });
    expect(server.hub.size).toBe(1);
  });

  it("tells a newcomer the server's MAX_MESSAGE_BYTES in its welcome", async () => {
    const { server } = await startTestServer(track, { maxMessageBytes: 100 });
    const ann = await join(server.url, 'ann');
    expect(await ann.waitFor((event) => event.type === 'welcome')).toMatchObject({
      maxMessageBytes: 100,
    });
  });

  it('names a client without ?name= guest-<n>', async () => {
    const { server } = await startTestServer(track);
    const first = await join(server.url);
    const second = await join(server.url);
    expect(await first.waitFor((event) => event.type === 'welcome')).toMatchObject({
      name: 'guest-1',
    });
    expect(await second.waitFor((event) => event.type === 'welcome')).toMatchObject({
      name: 'guest-2',
    });
  });

  it('stops naming every join and leave past announceLimit, but keeps the count in messages', async () => {
    const { server } = await startTestServer(track, { announceLimit: 2 });
    const ann = await join(server.url, 'ann');
    await join(server.url, 'bob');
    const cat = await join(server.url, 'cat');
    await cat.waitFor((event) => event.type === 'welcome');
    cat.socket.send('hi');
    expect(await ann.waitFor((event) => event.type === 'message')).toMatchObject({ online: 3 });
    expect(ann.events.map((event) => event.type)).toEqual(['welcome', 'join', 'join', 'message']);
  });
});

describe('nicknames', () => {
  it('keeps a name as typed, without control characters, at most 24 characters', () => {
    expect(chooseName('ann', 1)).toBe('ann');
    expect(chooseName('  Zoë 🙂 ', 1)).toBe('Zoë 🙂');
    expect(chooseName('\u001b[31mred\u0007', 1)).toBe('[31mred');
    expect(chooseName('x'.repeat(100), 1)).toBe('x'.repeat(24));
    expect(chooseName('🙂'.repeat(30), 1)).toBe('🙂'.repeat(24));
    expect(chooseName('', 7)).toBe('guest-7');
    expect(chooseName(null, 8)).toBe('guest-8');
  });

  it('gives a second ann the name ann-2, a third ann-3, and ann again once it is free', async () => {
    const { server, waitForLine } = await startTestServer(track);
    const welcomedAs = async (peer: Awaited<ReturnType<typeof join>>) => {
      const welcome = await peer.waitFor((event) => event.type === 'welcome');
      return welcome.type === 'welcome' ? welcome.name : '';
    };
    const first = await join(server.url, 'ann');
    const second = await join(server.url, 'ann');
    const third = await join(server.url, 'ann');
    expect(await welcomedAs(first)).toBe('ann');
    expect(await welcomedAs(second)).toBe('ann-2');
    expect(await welcomedAs(third)).toBe('ann-3');
    await waitForLine(/ann-2 connected from/);
    second.socket.send('which ann?');
    expect(await first.waitFor((event) => event.type === 'message')).toMatchObject({
      from: 'ann-2',
    });
    await leave(first);
    await waitForLine(/^\[chat\] ann disconnected/);
    expect(await welcomedAs(await join(server.url, 'ann'))).toBe('ann');
  });

  it('keeps a suffixed name within 24 characters', () => {
    const taken = new Set(['x'.repeat(24), `${'x'.repeat(22)}-2`]);
    expect(uniqueName('x'.repeat(24), (name) => taken.has(name))).toBe(`${'x'.repeat(22)}-3`);
    expect(uniqueName('🙂'.repeat(24), (name) => name === '🙂'.repeat(24))).toBe(
      `${'🙂'.repeat(22)}-2`,
    );
    expect(uniqueName('bob', () => false)).toBe('bob');
  });

  it('treats a name as text: markup arrives as the same characters', async () => {
    const { server } = await startTestServer(track);
    const peer = await join(server.url, '<b>bold</b>');
    expect(await peer.waitFor((event) => event.type === 'welcome')).toMatchObject({
      name: '<b>bold</b>',
    });
  });
});
