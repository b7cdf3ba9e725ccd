import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../src/index.ts';
import { connectTo, rawServer, write } from './helpers.ts';

// What this lesson is about, shown on real sockets: TCP carries a stream of bytes and keeps
// no trace of where one write() ended. How the bytes are cut into reads is up to the two
// operating systems, so a program that reads once per message is wrong, like the seed's.
const track = useCleanup();

describe('TCP is a byte stream with no message boundaries', () => {
  // #region two-writes-one-read
  it('delivers two writes in one read when the reader is a little late', async () => {
    // pauseOnConnect: the server reads nothing until we call resume(), as a busy server would.
    const server = await rawServer(() => {}, { pauseOnConnect: true });
    track(server.close);
    const accepted = once(server.server, 'connection');
    const client = await connectTo(server.port);
    track(() => client.destroy());
    const [socket] = (await accepted) as [Socket];

    await write(client, 'hello, server! #1\n'); // two writes, two system calls:
    await write(client, 'hello, server! #2\n'); // both bytes are now in the server's OS buffer
    socket.resume();
    const [chunk] = await once(socket, 'data'); // one read takes everything that is there

    expect(chunk.toString()).toBe('hello, server! #1\nhello, server! #2\n');
  });
  // #endregion two-writes-one-read

  // #region one-write-many-reads
  it('delivers one big write in several reads', async () => {
    const oneMebibyte = Buffer.alloc(1024 * 1024, 'x');
    const reads: number[] = [];
    const server = await rawServer((socket) => {
      socket.on('data', (chunk: Buffer) => reads.push(chunk.length));
      socket.on('end', () => socket.end());
    });
    track(server.close);
    const client = await connectTo(server.port);
    track(() => client.destroy());

    client.end(oneMebibyte); // one write of 1 MiB, then our FIN
    await once(client, 'close');

    expect(reads.reduce((sum, n) => sum + n, 0)).toBe(oneMebibyte.length);
    expect(reads.length).toBeGreaterThan(1); // Node reads at most 64 KiB at a time
  });
  // #endregion one-write-many-reads

  // #region seed-read
  it("breaks the seed's one-read-one-message assumption, and newline framing mends it", async () => {
    const long = `${'a'.repeat(600)}\n`;
    const server = await rawServer((socket) => {
      socket.write(long);
      socket.end('hello, client!\n');
    });
    track(server.close);

    // seed 000: buf := make([]byte, 512); n, err := conn.Read(buf[0:]). node:net can read
    // into a buffer of ours too: `onread` reuses one 512-byte buffer for every read.
    const reads: Buffer[] = [];
    const client = connect({
      port: server.port,
      host: 'localhost',
      onread: {
        buffer: Buffer.alloc(512),
        callback: (n, buf) => {
          reads.push(Buffer.from(buf.subarray(0, n))); // a copy: the buffer is reused
          return true;
        },
      },
    });
    track(() => client.destroy());
    await once(client, 'end');

    // The first read is not a message: it is the first 512 bytes of one.
    expect(reads[0]!.toString()).toBe('a'.repeat(512));
    // Framing: the same reads through a LineSplitter are exactly the lines that were sent.
    const splitter = new LineSplitter({ maxLineBytes: 1024 });
    expect(reads.flatMap((read) => splitter.push(read))).toEqual([
      'a'.repeat(600),
      'hello, client!',
    ]);
  });
  // #endregion seed-read
});
