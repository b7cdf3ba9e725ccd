import { constants, deflateRawSync } from 'node:zlib';
import { Opcode } from '@sockets/frames';
import { rawFrame, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { rawClient, startServer } from './helpers.ts';

// A client that agreed on permessage-deflate and then breaks its rules. The
// server must answer with the right close code, log why, and stay up.

const track = useCleanup();
const offer = 'permessage-deflate';

/** Raw DEFLATE of `data`, sync-flushed, without the 00 00 ff ff tail (RFC 7692 §7.2.1). */
function deflated(data: Buffer): Buffer {
  const compressed = deflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH, level: 9 });
  return compressed.subarray(0, compressed.length - 4);
}

async function closeCodeFor(frames: Buffer[], maxMessageBytes?: number) {
  const { server, logged } = await startServer(track, maxMessageBytes ? { maxMessageBytes } : {});
  const client = await rawClient(track, server.url, offer);
  expect(client.agreed).toBe('permessage-deflate');
  client.socket.write(Buffer.concat(frames));
  const events = await client.events;
  return { close: events.find((event) => event.kind === 'close'), logged };
}

describe('a client that breaks permessage-deflate', () => {
  it('invalid DEFLATE data: 1007', async () => {
    const { close, logged } = await closeCodeFor([
      rawFrame({ opcode: Opcode.text, rsv: 4, payload: Buffer.from([0xff, 0xff, 0xff]) }),
    ]);
    expect(close).toEqual({
      kind: 'close',
      code: 1007,
      reason: expect.stringMatching(/invalid compressed data/),
    });
    await logged.waitForLine(
      /failing .*: 1007 \(invalid frame payload data\): invalid compressed data/,
    );
  });

  it('RSV1 on a continuation frame: 1002', async () => {
    const hello = deflated(Buffer.from('Hello'));
    const { close } = await closeCodeFor([
      rawFrame({ opcode: Opcode.text, rsv: 4, fin: false, payload: hello.subarray(0, 2) }),
      rawFrame({ opcode: Opcode.continuation, rsv: 4, payload: hello.subarray(2) }),
    ]);
    expect(close).toEqual({ kind: 'close', code: 1002, reason: 'RSV1 on a continuation frame' });
  });

  it('RSV1 on a ping: 1002', async () => {
    const { close } = await closeCodeFor([
      rawFrame({ opcode: Opcode.ping, rsv: 4, payload: 'hi' }),
    ]);
    expect(close).toEqual({ kind: 'close', code: 1002, reason: 'RSV1 on a ping frame' });
  });

  it('RSV2, which permessage-deflate does not define: 1002', async () => {
    const { close } = await closeCodeFor([rawFrame({ opcode: Opcode.text, rsv: 2, payload: 'x' })]);
    expect(close).toMatchObject({ code: 1002, reason: expect.stringMatching(/RSV bits set/) });
  });

  it('a bomb, 1 MiB of zeros in about a KiB, with a 64 KiB limit: 1009', async () => {
    const bomb = deflated(Buffer.alloc(1024 * 1024));
    expect(bomb.length).toBeLessThan(1100);
    const { close } = await closeCodeFor(
      [rawFrame({ opcode: Opcode.binary, rsv: 4, payload: bomb })],
      64 * 1024,
    );
    expect(close).toEqual({
      kind: 'close',
      code: 1009,
      reason: 'message inflates to more than 65536 bytes',
    });
  });

  it('a 256 MiB bomb in a 256 KiB frame never allocates its 256 MiB: peak memory stays bounded', async () => {
    // A sync flush ends on a byte boundary, so its output can be repeated:
    // each copy inflates to 1 MiB of zeros, whatever came before it.
    const megabyte = deflateRawSync(Buffer.alloc(1024 * 1024), {
      finishFlush: constants.Z_SYNC_FLUSH,
      level: 9,
    });
    const repeated = Buffer.concat(Array.from({ length: 256 }, () => megabyte));
    const bomb = repeated.subarray(0, repeated.length - 4);
    const peakBefore = process.resourceUsage().maxRSS; // KiB, the process's high-water mark
    const { close } = await closeCodeFor(
      [rawFrame({ opcode: Opcode.binary, rsv: 4, payload: bomb })],
      1024 * 1024,
    );
    expect(close).toMatchObject({ code: 1009 });
    const grewKiB = process.resourceUsage().maxRSS - peakBefore;
    expect(grewKiB, 'inflating it all would raise the peak by 256 MiB').toBeLessThan(64 * 1024);
  });
});

describe('bad offers', () => {
  it.each([
    [
      'permessage-deflate; server_max_window_bits=7',
      'server_max_window_bits must be 8 to 15, got 7',
    ],
    [
      'permessage-deflate; client_no_context_takeover; client_no_context_takeover',
      'client_no_context_takeover appears twice',
    ],
    ['permessage-deflate; mystery', 'unknown parameter mystery'],
  ])('%j is declined: a 101 without the extension, and a log line', async (bad, why) => {
    const { server, logged } = await startServer(track);
    const client = await rawClient(track, server.url, bad);
    expect(client.agreed).toBeUndefined();
    await logged.waitForLine(new RegExp(`declined a permessage-deflate offer: "${why}"`));
  });
});
