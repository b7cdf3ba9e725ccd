import { fileURLToPath } from 'node:url';
import { startScript, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { closeOf, startServer, wsClient } from './helpers.ts';

const track = useCleanup();
const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe.each([
  ['bin/server.ts', '[echo]'],
  ['bin/server-ws.ts', '[echo-ws]'],
])('%s', (file, scope) => {
  it('prints its ready line, echoes, and on SIGINT closes connections with 1001 and exits 0', async () => {
    const script = startScript(packageDir, file);
    track(() => script.stop('SIGKILL'));
    const url = await script.ready();
    expect(url).toMatch(/^ws:\/\/localhost:\d+\/echo$/);
    const client = await wsClient(track, url);
    client.send('hello, server!');
    await script.waitForLine(new RegExp(`^\\${scope} recv: "hello, server!"$`));
    const closed = closeOf(client);
    expect(await script.stop('SIGINT')).toBe(0);
    expect(await closed).toEqual({ code: 1001, reason: 'server shutting down' });
  });
});

describe('bin/client.ts', () => {
  it('prints recv: hello, server! COUNT times, closes with 1000 and exits 0', async () => {
    const { server } = await startServer(track);
    const script = startScript(packageDir, 'bin/client.ts', {
      URL: server.url,
      COUNT: '3',
      INTERVAL_MS: '10',
    });
    track(() => script.stop('SIGKILL'));
    expect(await script.exited).toBe(0);
    expect(script.output.filter((line) => line === '[client] recv: "hello, server!"')).toHaveLength(
      3,
    );
    expect(script.output.at(-1)).toBe('[client] closed: 1000 (normal closure) "done"');
  });

  it('closes with 1001 on SIGINT and exits 0', async () => {
    const { server, logged } = await startServer(track);
    const script = startScript(packageDir, 'bin/client.ts', { URL: server.url });
    track(() => script.stop('SIGKILL'));
    await script.waitForLine(/recv: "hello, server!"/);
    expect(await script.stop('SIGINT')).toBe(0);
    await logged.waitForLine(/closed: 1001 \(going away\) "client going away"$/);
  });

  it('explains ECONNREFUSED and exits 1 when no server is running', async () => {
    const { server } = await startServer(track);
    await server.close();
    const script = startScript(packageDir, 'bin/client.ts', { URL: server.url });
    track(() => script.stop('SIGKILL'));
    expect(await script.exited).toBe(1);
    expect(script.output.join('\n')).toMatch(
      /\[client\] error: connection refused by .*: nothing is listening there.*\(ECONNREFUSED\)/,
    );
  });

  it('prints the refusal and exits 1 when the handshake is refused', async () => {
    const { server } = await startServer(track);
    const script = startScript(packageDir, 'bin/client.ts', {
      URL: server.url.replace('/echo', '/nope'),
    });
    track(() => script.stop('SIGKILL'));
    expect(await script.exited).toBe(1);
    expect(script.output).toContain(
      '[client] error: server refused the upgrade: 404 Not Found: no WebSocket endpoint at "/nope"',
    );
  });
});
