import type { Socket } from 'node:dgram';
import { errorCode } from '@sockets/shared';
import { captureLogger, useCleanup } from '@sockets/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startUdpServer } from '../src/server.ts';
import { closeRawSocket, nextDatagrams, openRawSocket, sortedHex } from './helpers.ts';

const track = useCleanup();

async function startServer(dropFirst = 0) {
  const captured = captureLogger('udp-server');
  const server = await startUdpServer({ host: 'localhost', port: 0, dropFirst, log: captured.log });
  track(() => server.close());
  return { server, ...captured };
}

async function rawClient(): Promise<Socket> {
  const socket = await openRawSocket();
  track(() => closeRawSocket(socket));
  return socket;
}

describe('the UDP echo server', () => {
  it('logs one ready line with the port it really got', async () => {
    const { server, lines } = await startServer();
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`udp://localhost:${server.port}`);
    expect(lines).toEqual([`[udp-server] listening on ${server.url}`]);
  });

  it('answers each datagram to the address and port it came from (rinfo)', async () => {
    const { server, waitForLine } = await startServer();
    const client = await rawClient();
    const clientPort = client.address().port;
    const replies = nextDatagrams(client, 1);
    client.send('hello, server!', server.port, '127.0.0.1');
    const [reply] = await replies;
    expect(reply!.data.toString()).toBe('hello, server!');
    expect(reply!.from.port).toBe(server.port);
    await waitForLine(
      new RegExp(`received 14 bytes from 127\\.0\\.0\\.1:${clientPort}: "hello, server!"`),
    );
    await waitForLine(new RegExp(`replied 14 bytes to 127\\.0\\.0\\.1:${clientPort}$`));
  });

  it('gives two clients their own replies from one socket, with no accept', async () => {
    const { server } = await startServer();
    const [alice, bob] = [await rawClient(), await rawClient()];
    const toAlice = nextDatagrams(alice, 2);
    const toBob = nextDatagrams(bob, 2);
    for (const round of [1, 2]) {
      alice.send(`alice ${round}`, server.port, '127.0.0.1');
      bob.send(`bob ${round}`, server.port, '127.0.0.1');
    }
    const text = (datagrams: { data: Buffer }[]) => datagrams.map(({ data }) => data.toString());
    expect(text(await toAlice).sort()).toEqual(['alice 1', 'alice 2']);
    expect(text(await toBob).sort()).toEqual(['bob 1', 'bob 2']);
  });

  it('keeps serving when a client vanishes before its reply arrives', async () => {
    const { server, waitForLine } = await startServer();
    const gone = await openRawSocket();
    const gonePort = gone.address().port;
    gone.send('bye', server.port, '127.0.0.1', () => closeRawSocket(gone));
    await waitForLine(new RegExp(`replied 3 bytes to 127\\.0\\.0\\.1:${gonePort}$`));
    const client = await rawClient();
    const echoes = nextDatagrams(client, 1);
    client.send('still there?', server.port, '127.0.0.1');
    expect((await echoes)[0]!.data.toString()).toBe('still there?');
  });

  // Lesson 01 sends "one", "two", "three" over TCP and may read "onetwothree":
  // a stream has no boundaries. Each datagram arrives whole and alone.
  it('receives back-to-back datagrams one per message event, boundaries kept', async () => {
    const { server, lines } = await startServer();
    const client = await rawClient();
    const echoes = nextDatagrams(client, 3);
    for (const word of ['one', 'two', 'three']) client.send(word, server.port, '127.0.0.1');
    const echoed = (await echoes).map(({ data }) => data.toString());
    expect(echoed.sort()).toEqual(['one', 'three', 'two']);
    const arrived = lines.flatMap(
      (line) => line.match(/received \d+ bytes from \S+: (.*)$/)?.[1] ?? [],
    );
    expect(arrived.sort()).toEqual(['"one"', '"three"', '"two"']);
  });

  it('keeps the boundaries of any burst of datagrams, and echoes any bytes', async () => {
    const { server, lines } = await startServer();
    const client = await rawClient();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ minLength: 0, maxLength: 1400 }), { minLength: 1, maxLength: 10 }),
        async (arrays) => {
          const sent = arrays.map((bytes) => Buffer.from(bytes));
          const linesBefore = lines.length;
          const echoes = nextDatagrams(client, sent.length);
          for (const datagram of sent) client.send(datagram, server.port, '127.0.0.1');
          const received = (await echoes).map(({ data }) => data);
          expect(sortedHex(received)).toEqual(sortedHex(sent));
          const sizes = lines
            .slice(linesBefore)
            .flatMap((line) => line.match(/received (\d+) bytes/)?.[1] ?? [])
            .map(Number);
          expect(sizes.sort((a, b) => a - b)).toEqual(
            sent.map((datagram) => datagram.length).sort((a, b) => a - b),
          );
        },
      ),
      { numRuns: 30 },
    );
  });

  it('echoes the largest IPv4 datagram, 65,507 bytes, in one piece', async () => {
    const { server } = await startServer();
    const client = await rawClient();
    const largest = Buffer.alloc(65_507, 'u');
    const echoes = nextDatagrams(client, 1);
    client.send(largest, server.port, '127.0.0.1');
    const [echo] = await echoes;
    expect(echo!.data.equals(largest)).toBe(true);
  });

  it('drops the first DROP_FIRST datagrams without replying, then answers', async () => {
    const { server, waitForLine } = await startServer(2);
    const client = await rawClient();
    const echoes = nextDatagrams(client, 1);
    for (const word of ['lost 1', 'lost 2', 'kept 3']) client.send(word, server.port, '127.0.0.1');
    const [echo] = await echoes;
    expect(echo!.data.toString()).toBe('kept 3');
    await waitForLine(/dropped datagram 1 on purpose \(DROP_FIRST=2\): no reply/);
    await waitForLine(/dropped datagram 2 on purpose/);
  });

  it('rejects with EADDRINUSE when the port is taken', async () => {
    const { server } = await startServer();
    const second = startUdpServer({
      host: 'localhost',
      port: server.port,
      log: captureLogger().log,
    });
    const error = await second.catch((caught: unknown) => caught);
    expect(errorCode(error)).toBe('EADDRINUSE');
  });
});
