import { errorCode, explainError } from '@sockets/shared';
import { captureLogger, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import {
  type Respond,
  startTcpClient,
  startTcpServer,
  type TcpClientOptions,
} from '../src/index.ts';
import { closedPort, rawServer } from './helpers.ts';

const track = useCleanup();

async function startServer(respond?: Respond) {
  const server = await startTcpServer({ port: 0, log: captureLogger().log, respond });
  track(() => server.close());
  return server;
}

async function startClient(options: TcpClientOptions) {
  const captured = captureLogger('tcp-client');
  const client = await startTcpClient({ intervalMs: 0, log: captured.log, ...options });
  track(() => client.socket.destroy());
  return { client, ...captured };
}

describe('startTcpClient', () => {
  it("sends COUNT lines, half-closes, and collects every reply until the server's FIN", async () => {
    const server = await startServer();
    const { client, lines } = await startClient({ port: server.port, count: 3 });

    expect(await client.finished).toEqual([
      'echo: hello, server! #1',
      'echo: hello, server! #2',
      'echo: hello, server! #3',
    ]);
    expect(lines[0]).toMatch(/^\[tcp-client\] connected to tcp:\/\/localhost:\d+ from \S+:\d+$/);
    expect(lines).toContain('[tcp-client] sent 3 lines: half-closing, still reading the replies');
    expect(lines.at(-1)).toBe('[tcp-client] the server closed the connection after 3 replies');
  });

  it('keeps reading after its own end(): replies sent after its FIN still arrive', async () => {
    // The server answers only once our FIN has reached it.
    let halfClosed = () => {};
    const clientDone = new Promise<void>((resolve) => {
      halfClosed = resolve;
    });
    const server = await startServer(async (line) => {
      await clientDone;
      return `late: ${line}`;
    });
    const { client, waitForLine } = await startClient({ port: server.port, count: 2 });
    await waitForLine(/half-closing/);
    halfClosed();

    expect(await client.finished).toEqual(['late: hello, server! #1', 'late: hello, server! #2']);
  });

  it('sends until close(), then half-closes and waits for the last replies', async () => {
    const server = await startServer();
    const { client, waitForLine, lines } = await startClient({
      port: server.port,
      intervalMs: 5,
      message: 'ping',
    });
    await waitForLine(/recv: "echo: ping #3"/);

    await client.close();
    const replies = await client.finished;
    const sent = lines.filter((line) => line.includes('sent: ping')).length;
    expect(replies).toHaveLength(sent); // not one reply lost
    expect(replies.at(-1)).toBe(`echo: ping #${sent}`);
  });

  it('stops sending when the server closes first', async () => {
    const server = await startServer();
    const { client, waitForLine } = await startClient({ port: server.port, intervalMs: 5 });
    await waitForLine(/recv: "echo: hello, server! #2"/);

    await server.close();
    const replies = await client.finished; // resolves: no write after end, no error
    expect(replies.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a reply to no line: a server cannot make it keep lines without end', async () => {
    // A server that answers the first line with a flood of lines.
    const server = await rawServer((socket) =>
      socket.once('data', () => socket.write('flood\n'.repeat(100_000))),
    );
    track(server.close);
    const { client, waitForLine } = await startClient({ port: server.port, count: 1 });

    await expect(client.finished).rejects.toThrow(
      'the server sent more replies than we sent lines (1): this is not our protocol',
    );
    await waitForLine(/error: the server sent more replies than we sent lines \(1\)/);
  });

  it('rejects with ECONNREFUSED, explained, when nothing listens on the port', async () => {
    const port = await closedPort();
    const error = await startTcpClient({ port, log: captureLogger().log }).then(
      () => expect.unreachable('connected to a closed port'),
      (e: unknown) => e,
    );
    expect(errorCode(error)).toBe('ECONNREFUSED');
    expect(explainError(error)).toMatch(
      new RegExp(`^connection refused by \\S+:${port}: nothing is listening there\\.`),
    );
  });

  it('reports ECONNRESET, explained, when the server resets the connection', async () => {
    // A server that answers the first line with an RST (a crash looks the same from here).
    const server = await rawServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    track(server.close);
    const { client, waitForLine } = await startClient({ port: server.port });

    await expect(client.finished).rejects.toMatchObject({ code: 'ECONNRESET' });
    await waitForLine(
      new RegExp(`error: connection reset by localhost:${server.port}: .*\\(ECONNRESET\\)$`),
    );
  });
});
