import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';
import { listen } from '@sockets/shared';
import { loadExercise, useCleanup } from '@sockets/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const { encodeMessage, LengthPrefixSplitter, MessageTooLongError } = await loadExercise<
  typeof import('./solution.ts')
>(import.meta.url);

const track = useCleanup();

/** A message on the wire, built by hand so that the splitter's checks do not need encodeMessage. */
function frame(payload: string | Uint8Array): Buffer {
  const body = Buffer.from(payload);
  const header = Buffer.alloc(4);
  header.writeUInt32BE(body.length);
  return Buffer.concat([header, body]);
}

/** Feed chunks in order and collect every message, as text. */
function feed(chunks: Uint8Array[], maxMessageBytes = 1 << 20): string[] {
  const splitter = new LengthPrefixSplitter({ maxMessageBytes });
  return chunks.flatMap((chunk) => splitter.push(chunk).map((m) => Buffer.from(m).toString()));
}

describe('encodeMessage', () => {
  it('writes a 4-byte big-endian length, then the payload', () => {
    expect(
      [...encodeMessage('hi')],
      'hint: "hi" is 2 bytes, so the header is 00 00 00 02, then 68 69',
    ).toEqual([0, 0, 0, 2, 0x68, 0x69]);
    expect([...encodeMessage('€')], 'hint: the length counts UTF-8 bytes, not characters').toEqual([
      0, 0, 0, 3, 0xe2, 0x82, 0xac,
    ]);
    expect(encodeMessage(new Uint8Array(300)).subarray(0, 4), 'hint: 300 is 0x012c').toEqual(
      Buffer.from([0, 0, 1, 0x2c]),
    );
  });
});

describe('LengthPrefixSplitter', () => {
  it('returns one message that arrives in one chunk', () => {
    expect(
      feed([frame('hello, server!')]),
      'hint: read the 4-byte length, then cut that many bytes after it',
    ).toEqual(['hello, server!']);
  });

  it('returns every message of a chunk that holds several', () => {
    const chunk = Buffer.concat([frame('one'), frame('two'), frame('three')]);
    expect(feed([chunk]), 'hint: keep going while the buffer holds a whole message').toEqual([
      'one',
      'two',
      'three',
    ]);
  });

  it('puts a message back together from pieces, even a header cut in two', () => {
    const bytes = frame('hello, server!');
    expect(
      feed([bytes.subarray(0, 2), bytes.subarray(2, 7), bytes.subarray(7)]),
      'hint: keep the bytes of an unfinished message (or header) for the next chunk',
    ).toEqual(['hello, server!']);
  });

  it('keeps what newline framing cannot: newlines, empty messages, any bytes', () => {
    const splitter = new LengthPrefixSplitter();
    const binary = Uint8Array.from([0, 10, 13, 255]);
    const out = splitter.push(Buffer.concat([frame('a\nb'), frame(''), frame(binary)]));
    expect(
      out.map((m) => [...m]),
      'hint: an empty message is a header of 00 00 00 00 and no payload',
    ).toEqual([[...Buffer.from('a\nb')], [], [...binary]]);
  });

  it('counts the bytes it is waiting with in pendingBytes', () => {
    const splitter = new LengthPrefixSplitter();
    splitter.push(frame('hello').subarray(0, 6));
    expect(splitter.pendingBytes, 'hint: 4 header bytes and 2 of the payload wait').toBe(6);
    splitter.push(frame('hello').subarray(6));
    expect(splitter.pendingBytes, 'hint: nothing waits once the message is out').toBe(0);
  });

  it('refuses a message longer than maxMessageBytes as soon as its header arrives', () => {
    const splitter = new LengthPrefixSplitter({ maxMessageBytes: 10 });
    expect(splitter.push(frame('0123456789')), 'hint: exactly the limit is fine').toHaveLength(1);
    const header = frame('x'.repeat(11)).subarray(0, 4);
    expect(
      () => splitter.push(header),
      'hint: throw MessageTooLongError from the header alone, without waiting for the payload',
    ).toThrow(MessageTooLongError);
  });

  it('gives the same messages however the bytes are cut (fast-check)', () => {
    const messages = fc.array(fc.string({ maxLength: 30 }), { maxLength: 10 });
    fc.assert(
      fc.property(messages, fc.array(fc.nat(), { maxLength: 20 }), (texts, cuts) => {
        const bytes = Buffer.concat(texts.map((text) => frame(text)));
        const points = [...new Set([0, ...cuts.map((c) => c % (bytes.length + 1)), bytes.length])];
        points.sort((a, b) => a - b);
        const chunks = points.slice(1).map((end, i) => bytes.subarray(points[i], end));
        expect(
          feed(chunks),
          'hint: any chunking of the same bytes must give the same messages',
        ).toEqual(texts);
      }),
    );
  });

  it('frames messages over a real TCP connection, sent in odd-sized writes', async () => {
    const server = createServer((socket) => {
      const splitter = new LengthPrefixSplitter();
      socket.on('data', (chunk: Buffer) => {
        // Echo each message back, framed again: this needs encodeMessage too.
        for (const message of splitter.push(chunk)) socket.write(encodeMessage(message));
      });
    });
    const port = await listen(server, 'localhost', 0);
    track(() => new Promise((resolve) => server.close(resolve)));
    const socket: Socket = connect({ port, host: 'localhost' });
    track(() => socket.destroy());
    await once(socket, 'connect');

    const sent = ['first\nline', '', 'x'.repeat(5000), 'last'];
    const bytes = Buffer.concat(sent.map((text) => encodeMessage(text)));
    for (let i = 0; i < bytes.length; i += 7) socket.write(bytes.subarray(i, i + 7));

    const splitter = new LengthPrefixSplitter();
    const received: string[] = [];
    for await (const chunk of socket) {
      received.push(...splitter.push(chunk as Buffer).map((m) => m.toString()));
      if (received.length >= sent.length) break;
    }
    expect(received, 'hint: both sides must agree on the framing').toEqual(sent);
  });
});
