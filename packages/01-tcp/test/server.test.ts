import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { errorCode, explainError, localName } from '@sockets/shared';
import { captureLogger, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { type Respond, startTcpServer, type TcpServerOptions } from '../src/index.ts';
import { connectTo, linesUntilEnd, write } from './helpers.ts';

const track = useCleanup();

async function startServer(options: TcpServerOptions = {}) {
  const captured = captureLogger('tcp-server');
  const server = await startTcpServer({ port: 0, log: captured.log, ...options });
  track(() => server.close());
  return { server, ...captured };
}

async function client(port: number) {
  const socket = await connectTo(port);
  track(() => socket.destroy());
  return socket;
}

describe('startTcpServer', () => {
  it('prints its ready line with the port it really got', async () => {
    const { server, lines } = await startServer();
    expect(server.url).toBe(`tcp://localhost:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    expect(lines).toEqual([`[tcp-server] listening on tcp://localhost:${server.port}`]);
  });

  it('answers each line, and logs the connect, each line and the disconnect', async () => {
    const { server, lines, waitForLine } = await startServer();
    const socket = await client(server.port);
    const peer = localName(socket); // the server's peer is our end
    const replies = linesUntilEnd(socket);
    socket.end('hello, server! #1\nhello, server! #2\n');

    expect(await replies).toEqual(['echo: hello, server! #1', 'echo: hello, server! #2']);
    await waitForLine(/disconnect/);
    expect(lines.slice(1)).toEqual([
      `[tcp-server] connect ${peer} (1 open)`,
      `[tcp-server] ${peer} sent: "hello, server! #1"`,
      `[tcp-server] ${peer} sent: "hello, server! #2"`,
      `[tcp-server] ${peer} half-closed: sending the last replies, then closing our side`,
      `[tcp-server] disconnect ${peer} (0 open)`,
    ]);
  });

  it("logs a line's terminal escapes quoted, so the peer cannot clear or recolour our terminal", async () => {
    const { server, lines, waitForLine } = await startServer();
    const socket = await client(server.port);
    const replies = linesUntilEnd(socket);
    socket.end('\x1b[2J\x1b[31mhacked\r\n');
    await replies;
    await waitForLine(/disconnect/);
    expect(lines.find((line) => line.includes(' sent: '))).toMatch(
      /sent: "\\u001b\[2J\\u001b\[31mhacked"$/,
    );
  });

  it('puts lines together from any chunks: one split mid-character, three in one write', async () => {
    const { server } = await startServer();
    const socket = await client(server.port);
    const replies = linesUntilEnd(socket);
    const euro = Buffer.from('price: €\n'); // "€" is 3 bytes: cut between them
    await write(socket, euro.subarray(0, 8));
    await write(socket, euro.subarray(8));
    socket.end('a\nb\nc\n');
    expect(await replies).toEqual(['echo: price: €', 'echo: a', 'echo: b', 'echo: c']);
  });

  it('drops, with a warning, a last line that never got its newline', async () => {
    const { server, waitForLine } = await startServer();
    const socket = await client(server.port);
    const replies = linesUntilEnd(socket);
    socket.end('done\nhi'); // "hi" has no "\n": it is not a line yet when our FIN comes

    expect(await replies).toEqual(['echo: done']);
    await waitForLine(/stopped in the middle of a line: 2 bytes dropped/);
  });

  it('serves several clients at once, each getting its own replies', async () => {
    const { server, waitForLine } = await startServer();
    const sockets = await Promise.all([1, 2, 3, 4, 5].map(() => client(server.port)));
    await waitForLine(/\(5 open\)/); // all five connections are open at the same time
    const replies = sockets.map(linesUntilEnd);
    // Their lines interleave: client 1 line 1, client 2 line 1, …, client 5 line 3.
    for (const line of [1, 2, 3]) {
      for (const [i, socket] of sockets.entries()) socket.write(`client ${i + 1} line ${line}\n`);
    }
    for (const socket of sockets) socket.end();

    for (const [i, received] of (await Promise.all(replies)).entries()) {
      expect(received).toEqual([1, 2, 3].map((line) => `echo: client ${i + 1} line ${line}`));
    }
  });

  // #region half-close-test
  it('still sends its replies after the client has half-closed (allowHalfOpen)', async () => {
    const captured = captureLogger('tcp-server');
    const clientHalfClosed = captured.waitForLine(/half-closed/);
    // A slow server: it answers only once the client's FIN has arrived.
    const respond: Respond = async (line) => {
      await clientHalfClosed;
      return `late: ${line}`;
    };
    const { server } = await startServer({ respond, log: captured.log });
    const socket = await client(server.port);
    const replies = linesUntilEnd(socket);

    socket.end('one\ntwo\n'); // our last lines, then our FIN: we write nothing more

    expect(await replies).toEqual(['late: one', 'late: two']);
  });
  // #endregion half-close-test

  it('refuses a line longer than maxLineBytes, after answering the lines before it', async () => {
    const { server, waitForLine } = await startServer({ maxLineBytes: 16 });
    const bad = await client(server.port);
    const good = await client(server.port);
    const badReplies = linesUntilEnd(bad);
    const goodReplies = linesUntilEnd(good);

    bad.write(`ok\n${'x'.repeat(40)}`); // no newline in sight, and already too long
    expect(await badReplies).toEqual(['echo: ok', 'error: line longer than 16 bytes']);
    await waitForLine(/sent a line longer than 16 bytes: refusing it/);

    good.end('still here\n');
    expect(await goodReplies).toEqual(['echo: still here']);
  });

  it('stops reading from a client that does not read its replies, until it catches up', async () => {
    const { server, waitForLine } = await startServer();
    const accepted = once(server.server, 'connection');
    const socket = await client(server.port);
    const [serverSide] = (await accepted) as [Socket];
    socket.pause(); // we send, but read nothing for now
    const line = 'x'.repeat(500);
    const count = 16_000; // 8 MB of replies: more than the OS buffers hold
    socket.write(`${line}\n`.repeat(count));

    await waitForLine(/is not reading its replies: pausing its lines/);
    expect(serverSide.isPaused()).toBe(true); // its memory stays bounded: it reads no more
    const replies = linesUntilEnd(socket);
    socket.resume(); // now we read, and the server catches up
    socket.end();
    const received = await replies;
    expect(received).toHaveLength(count);
    expect(received.every((reply) => reply === `echo: ${line}`)).toBe(true);
    expect(serverSide.isPaused()).toBe(false);
  });

  it('reads no more lines while the replies to the last ones are still being made', async () => {
    // A slow `respond`: the first reply waits until the test lets it go.
    let firstCall!: () => void;
    const called = new Promise<void>((resolve) => {
      firstCall = resolve;
    });
    let letGo!: () => void;
    const gate = new Promise<void>((resolve) => {
      letGo = resolve;
    });
    const respond: Respond = async (line) => {
      firstCall();
      await gate;
      return `slow: ${line}`;
    };
    const { server } = await startServer({ respond });
    const accepted = once(server.server, 'connection');
    const socket = await client(server.port);
    const [serverSide] = (await accepted) as [Socket];
    const line = 'x'.repeat(100);
    const count = 20_000; // 2 MB of lines, far more than one read brings
    const replies = linesUntilEnd(socket);
    socket.end(`${line}\n`.repeat(count));

    await called;
    // Reading on, the server would queue a reply for every line it is sent while the first
    // one is still being made: a client could fill its memory. It has stopped instead.
    expect(serverSide.isPaused()).toBe(true);

    letGo();
    const received = await replies;
    expect(received).toHaveLength(count);
    expect(received.every((reply) => reply === `slow: ${line}`)).toBe(true);
  });

  it('closes the connection of a line it cannot answer, and only that one', async () => {
    const respond: Respond = (line) => {
      if (line === 'boom') throw new Error('no answer to that');
      return `echo: ${line}`;
    };
    const { server, waitForLine } = await startServer({ respond });
    const bad = await client(server.port);
    const good = await client(server.port);
    const badReplies: string[] = [];
    bad.on('data', (chunk: Buffer) => badReplies.push(...chunk.toString().split('\n')));
    bad.on('error', () => {}); // closed, politely or not: either way, not answered
    bad.write('fine\nboom\nnever answered\n');

    await once(bad, 'close');
    await waitForLine(/could not reply: no answer to that/);
    expect(badReplies.filter((reply) => reply !== '')).toEqual(['echo: fine']);

    const goodReplies = linesUntilEnd(good);
    good.end('still fine\n');
    expect(await goodReplies).toEqual(['echo: still fine']);
  });

  it('survives a client that resets its connection, and keeps serving the others', async () => {
    const { server, waitForLine } = await startServer();
    const rude = await client(server.port);
    const polite = await client(server.port);
    await waitForLine(/\(2 open\)/);

    rude.resetAndDestroy(); // an RST instead of a FIN, as a crashed program's OS sends
    await waitForLine(/connection reset by the peer.*\(ECONNRESET\)/);
    await waitForLine(/disconnect .* \(1 open\)/);

    const replies = linesUntilEnd(polite);
    polite.end('are you still there?\n');
    expect(await replies).toEqual(['echo: are you still there?']);
  });

  it('rejects with EADDRINUSE when the port is taken', async () => {
    const { server } = await startServer();
    const second = startTcpServer({ port: server.port, log: captureLogger().log });
    const error = await second.then(
      () => expect.unreachable('a second server listened on the same port'),
      (e: unknown) => e,
    );
    expect(errorCode(error)).toBe('EADDRINUSE');
    expect(explainError(error)).toMatch(/^address \S+ is already in use/);
    expect(explainError(error)).toContain(`:${server.port} is already in use`);
  });

  describe('close()', () => {
    it('ends open connections politely: the replies it owes, then a FIN, not a reset', async () => {
      const captured = captureLogger('tcp-server');
      const closing = captured.waitForLine(/closing/);
      // A reply still being worked on when Ctrl+C comes.
      const respond: Respond = async (line) => {
        await closing;
        return `late: ${line}`;
      };
      const { server } = await startServer({ respond, log: captured.log });
      const socket = await client(server.port);
      const replies = linesUntilEnd(socket); // resolves on the server's FIN, fails on a reset
      socket.write('are you there?\n');
      await captured.waitForLine(/sent: "are you there\?/);

      await server.close();
      expect(await replies).toEqual(['late: are you there?']);
      await expect(connectTo(server.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    });

    it('drops a client that does not close its side within closeTimeoutMs', async () => {
      const { server, waitForLine } = await startServer({ closeTimeoutMs: 50 });
      // allowHalfOpen: this client does not answer the server's FIN with its own.
      const stubborn = connect({ port: server.port, host: 'localhost', allowHalfOpen: true });
      track(() => stubborn.destroy());
      await once(stubborn, 'connect');
      await waitForLine(/connect/);

      await server.close();
      await waitForLine(/did not close within 50 ms: dropping it/);
    });
  });
});
