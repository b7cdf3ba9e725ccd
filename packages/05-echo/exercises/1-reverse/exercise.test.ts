import { once } from 'node:events';
import { captureLogger, loadExercise, useCleanup } from '@sockets/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startEchoServer } from '../../src/server.ts';

const { reverseText, reverseBytes, reverseMessages } = await loadExercise<
  typeof import('./solution.ts')
>(import.meta.url);

const track = useCleanup();

describe('reverseText', () => {
  it.each([
    ['hello, server!', '!revres ,olleh'],
    ['', ''],
    ['a', 'a'],
    ['héllo', 'olléh'],
    ['hi 🚀', '🚀 ih'],
    ['𝄞 and 😀!', '!😀 dna 𝄞'],
  ])('%j → %j', (text, reversed) => {
    expect(
      reverseText(text),
      'hint: reverse code points ([...text]), not UTF-16 units (text.split(""))',
    ).toBe(reversed);
  });

  it('never splits a surrogate pair: the result is still valid UTF-8 (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0x20, max: 0x10ffff })), (codePoints) => {
        const chars = codePoints
          .filter((c) => c < 0xd800 || c > 0xdfff)
          .map((c) => String.fromCodePoint(c));
        const text = chars.join('');
        const reversed = reverseText(text);
        expect(reversed, 'hint: reverse code points').toBe(chars.reverse().join(''));
        expect(Buffer.from(reversed).toString(), 'hint: a lone surrogate becomes �').toBe(reversed);
      }),
      { numRuns: 200 },
    );
  });
});

describe('reverseBytes', () => {
  it('reverses the bytes and leaves its input as it was', () => {
    const data = Buffer.from([1, 2, 3, 0xff]);
    expect(reverseBytes(data), 'hint: byte by byte').toEqual(Buffer.from([0xff, 3, 2, 1]));
    expect(data, 'hint: Buffer#reverse reverses in place; reverse a copy').toEqual(
      Buffer.from([1, 2, 3, 0xff]),
    );
  });

  it('reversing twice gives the bytes back (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 2, maxLength: 200 }), (bytes) => {
        const data = Buffer.from(bytes);
        expect(reverseBytes(reverseBytes(data)), 'hint: reversed twice is the same bytes').toEqual(
          data,
        );
        expect(reverseBytes(data)[0], 'hint: the last byte comes first').toBe(data.at(-1));
      }),
      { numRuns: 100 },
    );
  });
});

describe('reverseMessages on a real server', () => {
  async function reverseServer() {
    const logged = captureLogger('echo');
    const server = await startEchoServer({ host: '127.0.0.1', port: 0, log: logged.log }, () => ({
      onMessage: reverseMessages(logged.log),
    }));
    track(() => server.close());
    const client = new WebSocket(server.url);
    track(() => client.terminate());
    await once(client, 'open');
    return { client, logged };
  }

  async function exchange(client: WebSocket, data: string | Buffer) {
    const reply = once(client, 'message') as Promise<[Buffer, boolean]>;
    client.send(data);
    const [bytes, isBinary] = await reply;
    return { bytes, isBinary };
  }

  it('answers text with the text reversed, as a text message', async () => {
    const { client, logged } = await reverseServer();
    const hello = await exchange(client, 'hello, server!');
    expect(hello.isBinary, 'hint: text stays text').toBe(false);
    expect(hello.bytes.toString(), 'hint: send reverseText of the decoded text').toBe(
      '!revres ,olleh',
    );
    const rocket = await exchange(client, 'go 🚀');
    expect(rocket.bytes.toString(), 'hint: a 🚀 split in two arrives as ��').toBe('🚀 og');
    expect(logged.lines, 'hint: log what came in, as echo.ts does').toContain(
      '[echo] recv: "hello, server!"',
    );
  });

  it('answers binary with the bytes reversed, as a binary message', async () => {
    const { client } = await reverseServer();
    const reply = await exchange(client, Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    expect(reply.isBinary, 'hint: binary stays binary').toBe(true);
    expect(reply.bytes, 'hint: send reverseBytes(data)').toEqual(
      Buffer.from([0xef, 0xbe, 0xad, 0xde]),
    );
  });

  it('answers an empty message with an empty one', async () => {
    const { client } = await reverseServer();
    expect(
      (await exchange(client, '')).bytes.length,
      'hint: an empty message, reversed, is empty',
    ).toBe(0);
  });
});
