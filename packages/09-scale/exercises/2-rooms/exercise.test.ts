import { loadExercise, useCleanup } from '@sockets/testkit';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import type { BusMessage } from '../../src/messages.ts';
import { startRedisServer } from '../../src/redis-server.ts';

const { RoomsReader, roomKey } = await loadExercise<typeof import('./solution.ts')>(
  import.meta.url,
);

const track = useCleanup();

/**
 * Reads until `count` messages were delivered, in at most five XREADs: a
 * starter that never delivers fails at once instead of looping for ever.
 */
async function readUntil(reader: InstanceType<typeof RoomsReader>, count: number) {
  let read = 0;
  for (let attempt = 0; attempt < 5 && read < count; attempt++) {
    read += await reader.readOnce(200);
  }
  return read;
}

/** A real Redis, a connection to write with, and a reader that records what it delivers. */
async function setUp() {
  const server = await startRedisServer();
  track(() => server.stop());
  const connect = () => {
    const redis = new Redis(server.url);
    track(() => redis.disconnect());
    return redis;
  };
  const writer = connect();
  const delivered: { room: string; text: string; id: string | undefined }[] = [];
  const reader = new RoomsReader(connect(), (room: string, message: BusMessage) => {
    delivered.push({ room, text: message.text, id: message.id });
  });
  const say = (room: string, text: string) =>
    writer.xadd(
      roomKey(room),
      '*',
      'message',
      JSON.stringify({ type: 'message', from: 'ann', text, at: 0, online: 1 }),
    );
  return { reader, say, delivered };
}

describe('rooms as streams', () => {
  it('keeps each room in a stream of its own', () => {
    expect(roomKey('go'), 'hint: chat: and the room').toBe('chat:go');
  });

  it('reads every room it joined with one XREAD, each message once, with its id', async () => {
    const { reader, say, delivered } = await setUp();
    await say('go', 'said before we joined');
    await reader.join('go');
    await reader.join('rust');
    await say('go', 'go 1');
    await say('rust', 'rust 1');
    await say('go', 'go 2');
    await readUntil(reader, 3);
    const texts = (room: string) => delivered.filter((d) => d.room === room).map((d) => d.text);
    expect(texts('go'), 'hint: from after the newest message at join, in order').toEqual([
      'go 1',
      'go 2',
    ]);
    expect(texts('rust'), 'hint: every room joined, in the same XREAD').toEqual(['rust 1']);
    expect(
      delivered.every((d) => /^\d+-\d+$/.test(d.id ?? '')),
      'hint: deliver each message with its stream id',
    ).toBe(true);

    await say('rust', 'rust 2');
    await readUntil(reader, 1);
    expect(texts('rust'), 'hint: each room moves on from its own last id').toEqual([
      'rust 1',
      'rust 2',
    ]);
    expect(texts('go'), 'hint: nothing is delivered twice').toEqual(['go 1', 'go 2']);
  });

  it('stops delivering a room it left', async () => {
    const { reader, say, delivered } = await setUp();
    await reader.join('go');
    await reader.join('rust');
    reader.leave('rust');
    await say('rust', 'nobody here reads this');
    await say('go', 'go 1');
    await readUntil(reader, 1);
    expect(
      delivered.map((d) => d.text),
      'hint: XREAD only the rooms still joined',
    ).toEqual(['go 1']);
  });
});
