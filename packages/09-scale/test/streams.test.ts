import { captureLogger, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { type BusMessage, StreamsBus, serverDefaults } from '../src/index.ts';
import {
  chatMessage,
  connectionId,
  join,
  redisClient,
  startTestRedis,
  startTestServer,
} from './helpers.ts';

const track = useCleanup();

describe('the Redis Streams bus', () => {
  it('delivers a burst far longer than HISTORY_LIMIT to another process, every message in order', async () => {
    // Trimming the stream to the history a returning client is shown would
    // also remove entries the other process has not read yet: a burst of 1,000
    // between two of its reads lost all but the last hundred or so.
    const redis = await startTestRedis(track);
    const options = {
      ...serverDefaults,
      redisUrl: redis.url,
      historyLimit: 10,
      log: captureLogger('scale').log,
    };
    const sender = await StreamsBus.open(options);
    track(() => sender.close());
    const receiver = await StreamsBus.open(options);
    track(() => receiver.close());
    const received: BusMessage[] = [];
    const ended = new Promise<void>((resolve) =>
      receiver.subscribe((message) => {
        if (message.text === 'end') resolve();
        else received.push(message);
      }),
    );
    await Promise.all(
      Array.from({ length: 1000 }, (_, n) => sender.publish(chatMessage(String(n)))),
    );
    await sender.publish(chatMessage('end'));
    await ended;
    expect(received.map((message) => message.text)).toEqual(
      Array.from({ length: 1000 }, (_, n) => String(n)),
    );
  });

  it('carries a message from a client of one server to the clients of another, with its stream id', async () => {
    const redis = await startTestRedis(track);
    const a = await startTestServer(track, redis.url);
    const b = await startTestServer(track, redis.url);
    const ann = await join(track, a.server.url, { name: 'ann' });
    const bob = await join(track, b.server.url, { name: 'bob' });

    ann.chat.send('hello from a');
    bob.chat.send('hello from b');
    await ann.waitForTexts(2);
    await bob.waitForTexts(2);

    // One order for both, the stream's, whichever server each is on.
    const ids = (peer: typeof ann) => peer.messages.map((message) => message.id);
    expect(ids(bob)).toEqual(ids(ann));
    expect(ann.texts.sort()).toEqual(['hello from a', 'hello from b']);
    const [first, second] = ann.messages;
    expect(first?.id).toMatch(/^\d+-\d+$/);
    expect(second?.id).toMatch(/^\d+-\d+$/);
    const kept = await redisClient(track, redis.url).xrange('chat', '-', '+');
    expect(kept.map(([id]) => id)).toEqual([first?.id, second?.id]);
  });

  it('counts in `online` the people on the receiving process', async () => {
    const redis = await startTestRedis(track);
    const a = await startTestServer(track, redis.url);
    const b = await startTestServer(track, redis.url);
    const ann = await join(track, a.server.url, { name: 'ann' });
    await join(track, b.server.url, { name: 'bob' });
    const cat = await join(track, b.server.url, { name: 'cat' });
    ann.chat.send('how many are you?');
    await cat.waitForTexts(1);
    await ann.waitForTexts(1);
    expect(cat.messages[0]).toMatchObject({ from: 'ann', online: 2 });
    expect(ann.messages[0]).toMatchObject({ from: 'ann', online: 1 });
  });

  it('resumes a client that comes back with ?since: what it missed, then live, no gap, no duplicate', async () => {
    const redis = await startTestRedis(track);
    const a = await startTestServer(track, redis.url);
    const b = await startTestServer(track, redis.url);
    const sender = await join(track, b.server.url, { name: 'sender' });
    const ann = await join(track, a.server.url, { name: 'ann' });

    sender.chat.send('1');
    await ann.waitForTexts(1);
    const seen = ann.chat.lastId;
    await ann.chat.close();
    for (const text of ['2', '3', '4']) sender.chat.send(text);
    await sender.waitForTexts(4);

    // Back, on the other server, resuming after the last message it saw. A
    // message sent while the history is being fetched arrives both ways; it
    // must be shown once.
    const back = await join(track, b.server.url, { name: 'ann', since: seen });
    sender.chat.send('5');
    expect(await back.waitForTexts(4)).toEqual(['2', '3', '4', '5']);
    sender.chat.send('6');
    expect(await back.waitForTexts(5)).toEqual(['2', '3', '4', '5', '6']);
    expect(back.events.some((event) => event.type === 'gap')).toBe(false);
    expect(back.events[0]?.type).toBe('message'); // history before the welcome
    await b.waitForLine(/ann resumed after \d+-\d+: 3 kept$/);
  });

  it('sends a message once to a client resuming while its server has not read that message yet', async () => {
    const redis = await startTestRedis(track);
    const a = await startTestServer(track, redis.url);
    const ann = await join(track, a.server.url, { name: 'ann' });
    ann.chat.send('1');
    await ann.waitForTexts(1);
    const seen = ann.chat.lastId;
    await ann.chat.close();

    // Message 2 reaches Redis while server a's reader is cut off, so the history
    // a returning client is sent already has it, and a's reader will deliver it
    // again once it is back. The seam between the two must not show it twice.
    const test = redisClient(track, redis.url);
    const reader = await connectionId(test, 'bus-reader');
    await test
      .multi()
      .client('KILL', 'ID', reader)
      .xadd('chat', '*', 'message', JSON.stringify(chatMessage('2')))
      .exec();
    const back = await join(track, a.server.url, { name: 'ann', since: seen });
    await a.waitForLine(/bus reader: Redis is back/);
    back.chat.send('3');
    expect(await back.waitForTexts(2)).toEqual(['2', '3']);
  });

  it('sends nothing twice to a client coming from a server whose reader was ahead of this one', async () => {
    const redis = await startTestRedis(track);
    const a = await startTestServer(track, redis.url);
    const b = await startTestServer(track, redis.url);
    const ann = await join(track, a.server.url, { name: 'ann' });

    // b's reader is cut off while message 1 is added: a delivers it at once,
    // b only once its reader is back.
    const test = redisClient(track, redis.url);
    const bReader = await connectionId(test, 'bus-reader', 1);
    await test
      .multi()
      .client('KILL', 'ID', bReader)
      .xadd('chat', '*', 'message', JSON.stringify(chatMessage('1')))
      .exec();
    await ann.waitForTexts(1);
    await ann.chat.close();

    // ann moves to b, which has not read 1 yet.
    const back = await join(track, b.server.url, { name: 'ann', since: ann.chat.lastId });
    await b.waitForLine(/bus reader: Redis is back/);
    back.chat.send('2');
    expect(await back.waitForTexts(1)).toEqual(['2']);
  });

  it('says "gap" first to a client whose id is older than the history kept', async () => {
    const redis = await startTestRedis(track);
    const a = await startTestServer(track, redis.url);
    const ann = await join(track, a.server.url, { name: 'ann' });
    for (const text of ['1', '2', '3', '4', '5']) ann.chat.send(text);
    await ann.waitForTexts(5);
    const ids = ann.messages.map((message) => message.id);

    // As if much had been said since: keep only the newest two.
    await redisClient(track, redis.url).xtrim('chat', 'MAXLEN', 2);

    const missed = await join(track, a.server.url, { since: ids[0] });
    expect(missed.events[0]).toEqual({ type: 'gap' });
    expect(missed.texts).toEqual(['4', '5']);

    // Whoever saw 4 missed nothing. Whoever saw 3 may have (3 is gone, and we
    // cannot tell what else went with it), so they are told so.
    const upToDate = await join(track, a.server.url, { since: ids[3] });
    expect(upToDate.events.some((event) => event.type === 'gap')).toBe(false);
    expect(upToDate.texts).toEqual(['5']);
    const justTrimmed = await join(track, a.server.url, { since: ids[2] });
    expect(justTrimmed.events[0]).toEqual({ type: 'gap' });
    expect(justTrimmed.texts).toEqual(['4', '5']);
  });

  it('answers a since that is not an id with an error, and the client still chats', async () => {
    const redis = await startTestRedis(track);
    const a = await startTestServer(track, redis.url);
    const odd = await join(track, a.server.url, { since: 'yesterday' });
    expect(await odd.waitForEvent('error')).toEqual({
      type: 'error',
      message: 'since must be a message id, got "yesterday"',
    });
    odd.chat.send('still here');
    expect(await odd.waitForTexts(1)).toEqual(['still here']);
  });

  it('skips, with a log line, an entry in the stream that is not a chat message', async () => {
    const redis = await startTestRedis(track);
    const a = await startTestServer(track, redis.url);
    const ann = await join(track, a.server.url, { name: 'ann' });
    const test = redisClient(track, redis.url);
    const stray = await test.xadd('chat', '*', 'message', '<script>not json</script>');
    await test.xadd(
      'chat',
      '*',
      'message',
      JSON.stringify({ type: 'message', from: 'x', text: 1, at: 0, online: 1 }),
    );
    ann.chat.send('a real one');
    expect(await ann.waitForTexts(1)).toEqual(['a real one']);
    expect(ann.events.filter((event) => event.type === 'message')).toHaveLength(1);
    await a.waitForLine(new RegExp(`warn: skipped entry ${stray} of chat: not a chat message$`));
  });

  it('delivers what was added while its reader was cut off from Redis, once it is back', async () => {
    const redis = await startTestRedis(track);
    const a = await startTestServer(track, redis.url);
    const ann = await join(track, a.server.url, { name: 'ann' });
    ann.chat.send('before');
    await ann.waitForTexts(1);

    // Cut the reader's connection and add a message in one transaction, so the
    // message surely arrives while the reader is away.
    const test = redisClient(track, redis.url);
    const reader = await connectionId(test, 'bus-reader');
    await test
      .multi()
      .client('KILL', 'ID', reader)
      .xadd('chat', '*', 'message', JSON.stringify(chatMessage('while away')))
      .exec();
    await a.waitForLine(/bus reader: Redis is back/);
    expect(await ann.waitForTexts(2)).toEqual(['before', 'while away']);
  });
});
