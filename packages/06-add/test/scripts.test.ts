import { fileURLToPath } from 'node:url';
import { startScript, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { closeOf, startServer, wsClient } from './helpers.ts';

const track = useCleanup();
const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('bin/server.ts', () => {
  it('prints its ready line, and on SIGINT closes connections with 1001 and exits 0', async () => {
    const script = startScript(packageDir, 'bin/server.ts');
    track(() => script.stop('SIGKILL'));
    const url = await script.ready();
    expect(url).toMatch(/^ws:\/\/localhost:\d+\/add$/);
    const socket = await wsClient(track, url);
    await script.waitForLine(/establish connection to client/);
    const closed = closeOf(socket);
    expect(await script.stop('SIGINT')).toBe(0);
    expect(await closed).toEqual({ code: 1001, reason: 'server shutting down' });
  });
});

describe('bin/client.ts', () => {
  it('prints a sum per reply and exits 0 after COUNT requests', async () => {
    const { server } = await startServer(track);
    const script = startScript(packageDir, 'bin/client.ts', {
      URL: server.url,
      COUNT: '2',
      INTERVAL_MS: '10',
    });
    track(() => script.stop('SIGKILL'));
    expect(await script.exited).toBe(0);
    expect(script.output).toContain('[client] handshake response header');
    expect(script.output.filter((line) => line === '[client] receive response: 11')).toHaveLength(
      2,
    );
    expect(script.output.at(-1)).toBe('[client] closed: 1000 "done"');
  });

  it('prints the status and body, and exits 1, when the path is wrong', async () => {
    const { server } = await startServer(track);
    const script = startScript(packageDir, 'bin/client.ts', {
      URL: server.url.replace('/add', '/sum'),
    });
    track(() => script.stop('SIGKILL'));
    expect(await script.exited).toBe(1);
    expect(script.output).toContain(
      '[client] error: dial server error: HTTP 404 Not Found: no WebSocket at /sum: the calculator is at /add',
    );
  });

  it('explains ECONNREFUSED and exits 1 when no server is running', async () => {
    const { server } = await startServer(track);
    const url = server.url;
    await server.close();
    const script = startScript(packageDir, 'bin/client.ts', { URL: url });
    track(() => script.stop('SIGKILL'));
    expect(await script.exited).toBe(1);
    expect(script.output.join('\n')).toMatch(
      /\[client\] error: connection refused by .*: nothing is listening there.*\(ECONNREFUSED\)/,
    );
  });
});
