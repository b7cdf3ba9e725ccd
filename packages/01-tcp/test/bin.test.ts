import { join } from 'node:path';
import { captureLogger, startScript, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { startTcpServer } from '../src/index.ts';
import { closedPort, rawServer } from './helpers.ts';

// The scripts as a learner runs them (`pnpm lesson tcp server`), through tsx.
const packageDir = join(import.meta.dirname, '..');
const track = useCleanup();

function run(file: 'bin/server.ts' | 'bin/client.ts', env: Record<string, string> = {}) {
  const script = startScript(packageDir, file, env);
  track(() => script.stop('SIGKILL'));
  return script;
}

async function serverScript() {
  const server = run('bin/server.ts');
  const url = await server.ready();
  return { server, url, port: new URL(url).port };
}

describe('bin/server.ts and bin/client.ts', () => {
  it('talk: COUNT=3 sends three lines, gets three replies, and exits 0', async () => {
    const { server, url, port } = await serverScript();
    expect(url).toMatch(/^tcp:\/\/localhost:\d+$/);

    const client = run('bin/client.ts', { PORT: port, COUNT: '3', INTERVAL_MS: '0' });
    expect(await client.exited).toBe(0);
    expect(client.output.filter((line) => line.includes('recv:'))).toEqual([
      '[tcp-client] recv: "echo: hello, server! #1"',
      '[tcp-client] recv: "echo: hello, server! #2"',
      '[tcp-client] recv: "echo: hello, server! #3"',
    ]);
    await server.waitForLine(/disconnect \S+ \(0 open\)/);
    expect(server.output.filter((line) => line.includes(' sent: '))).toHaveLength(3);

    expect(await server.stop('SIGINT')).toBe(0);
  });

  it('server: Ctrl+C ends open connections politely and exits 0; the client exits 0 too', async () => {
    const { server, port } = await serverScript();
    const client = run('bin/client.ts', { PORT: port, INTERVAL_MS: '20' });
    await client.waitForLine(/recv: "echo: hello, server! #2"/);

    expect(await server.stop('SIGINT')).toBe(0);
    // The client may still get a line in after our FIN (it sends every 20 ms), so the
    // order is checked, not the exact neighbours.
    const closing = server.output.indexOf('[tcp-server] closing: ending 1 open connection');
    const disconnect = server.output.findIndex((line) =>
      /^\[tcp-server\] disconnect \S+ \(0 open\)$/.test(line),
    );
    expect(closing).toBeGreaterThanOrEqual(0);
    expect(disconnect).toBeGreaterThan(closing);
    expect(server.output.at(-1)).toBe('[tcp-server] closed, bye');
    expect(await client.exited).toBe(0);
    expect(client.output.at(-1)).toMatch(/the server closed the connection after \d+ replies/);
  });

  it('client: Ctrl+C half-closes, waits for the last replies, and exits 0', async () => {
    const { port } = await serverScript();
    const client = run('bin/client.ts', { PORT: port, INTERVAL_MS: '20' });
    await client.waitForLine(/recv: "echo: hello, server! #1"/);

    expect(await client.stop('SIGINT')).toBe(0);
    expect(client.output.join('\n')).toMatch(
      /half-closing, still reading the replies\n(.*\n)*.*the server closed the connection/,
    );
  });

  it('client: ECONNREFUSED is explained in one line, exit 1', async () => {
    const port = String(await closedPort());
    const client = run('bin/client.ts', { PORT: port });
    expect(await client.exited).toBe(1);
    expect(client.output).toHaveLength(1);
    expect(client.output[0]).toMatch(
      new RegExp(
        `^\\[tcp-client\\] error: connection refused by \\S+:${port}: nothing is listening there\\. Start the server first, or check HOST and PORT\\. \\(ECONNREFUSED\\)$`,
      ),
    );
  });

  it('client: ECONNRESET is explained in one line, exit 1', async () => {
    const server = await rawServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    track(server.close);
    const client = run('bin/client.ts', { PORT: String(server.port) });
    expect(await client.exited).toBe(1);
    expect(client.output.at(-1)).toBe(
      `[tcp-client] error: connection reset by localhost:${server.port}: the peer closed the connection abruptly (it crashed, or closed with unread data). (ECONNRESET)`,
    );
  });

  it('server: EADDRINUSE is explained in one line, exit 1', async () => {
    const first = await startTcpServer({ port: 0, log: captureLogger().log });
    track(() => first.close());
    const second = run('bin/server.ts', { PORT: String(first.port) });
    expect(await second.exited).toBe(1);
    expect(second.output).toHaveLength(1);
    expect(second.output[0]).toMatch(
      new RegExp(
        `^\\[tcp-server\\] error: address \\S+:${first.port} is already in use: .* Stop it or pick another PORT\\. \\(EADDRINUSE\\)$`,
      ),
    );
  });
});
