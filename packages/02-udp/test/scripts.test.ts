import { join } from 'node:path';
import { captureLogger, startScript, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { startUdpServer } from '../src/server.ts';
import { closeRawSocket, nextDatagrams, openRawSocket } from './helpers.ts';

const track = useCleanup();
const packageDir = join(import.meta.dirname, '..');

function run(file: string, env: Record<string, string>) {
  const script = startScript(packageDir, file, env);
  track(() => script.stop());
  return script;
}

async function startServer() {
  const server = await startUdpServer({ host: 'localhost', port: 0, log: captureLogger().log });
  track(() => server.close());
  return server;
}

describe('bin/server.ts', () => {
  it('prints its ready line, echoes, and exits 0 on SIGINT', async () => {
    const script = run('bin/server.ts', { DROP_FIRST: '0' });
    const url = await script.ready();
    const port = Number(url.match(/^udp:\/\/localhost:(\d+)$/)?.[1]);
    expect(port).toBeGreaterThan(0);
    const client = await openRawSocket();
    track(() => closeRawSocket(client));
    const echoes = nextDatagrams(client, 1);
    client.send('hello, server!', port, '127.0.0.1');
    expect((await echoes)[0]!.data.toString()).toBe('hello, server!');
    await script.waitForLine(/^\[udp-server\] replied 14 bytes to 127\.0\.0\.1:\d+$/);
    expect(await script.stop('SIGINT')).toBe(0);
  });
});

describe('bin/client.ts', () => {
  it('sends COUNT messages, prints each reply and exits 0', async () => {
    const server = await startServer();
    const script = run('bin/client.ts', { PORT: String(server.port), COUNT: '3' });
    await script.waitForLine(/recv: "hello, server! #3"$/);
    expect(await script.exited).toBe(0);
    expect(script.output.filter((line) => line.includes('recv: '))).toEqual([
      '[udp-client] recv: "hello, server! #1"',
      '[udp-client] recv: "hello, server! #2"',
      '[udp-client] recv: "hello, server! #3"',
    ]);
  });

  it('gives up on a silent server after RETRIES, with a clear message and exit 1', async () => {
    const silent = await openRawSocket();
    track(() => closeRawSocket(silent));
    const port = silent.address().port;
    const script = run('bin/client.ts', {
      PORT: String(port),
      READ_TIMEOUT_MS: '20',
      RETRIES: '2',
    });
    const [line] = await script.waitForLine(/^\[udp-client\] error: .*$/);
    expect(await script.exited).toBe(1);
    expect(line).toBe(
      `[udp-client] error: no reply from udp://localhost:${port} after 3 tries, 20 ms each. UDP cannot tell a lost datagram from a missing server: check that the server runs, or raise READ_TIMEOUT_MS or RETRIES.`,
    );
  });

  it('explains EMSGSIZE for a message too big for one datagram, and exits 1', async () => {
    const server = await startServer();
    const script = run('bin/client.ts', { PORT: String(server.port), MESSAGE: 'x'.repeat(70_000) });
    const [line] = await script.waitForLine(/^\[udp-client\] error: .*$/);
    expect(await script.exited).toBe(1);
    expect(script.output).toEqual([line]);
    expect(line).toBe(
      `[udp-client] error: message too long for one datagram to localhost:${server.port}: a UDP datagram carries at most 65,507 bytes of data over IPv4. Split it, or use TCP. (EMSGSIZE)`,
    );
  });
});
