import { fileURLToPath } from 'node:url';
import { startScript, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { nextMessage, startServer, wsClient } from './helpers.ts';

const track = useCleanup();
const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('bin/server.ts', () => {
  it('prints its ready line, agrees on permessage-deflate, echoes, and exits 0 on SIGINT', async () => {
    const script = startScript(packageDir, 'bin/server.ts', { COMPRESS_THRESHOLD_BYTES: '0' });
    track(() => script.stop('SIGKILL'));
    const url = await script.ready();
    expect(url).toMatch(/^ws:\/\/localhost:\d+\/echo$/);
    const client = await wsClient(track, url, { perMessageDeflate: { threshold: 0 } });
    await script.waitForLine(
      /^\[compression\] .* upgraded to WebSocket on \/echo with permessage-deflate$/,
    );
    const reply = nextMessage(client);
    client.send('hello, server!');
    expect((await reply).data.toString()).toBe('hello, server!');
    await script.waitForLine(/^\[compression\] recv: "hello, server!"$/);
    expect(await script.stop('SIGINT')).toBe(0);
  });

  it('explains a bad window size in one line and exits 1', async () => {
    const script = startScript(packageDir, 'bin/server.ts', { SERVER_MAX_WINDOW_BITS: '8' });
    track(() => script.stop('SIGKILL'));
    expect(await script.exited).toBe(1);
    expect(script.output.join('\n')).toMatch(/SERVER_MAX_WINDOW_BITS must be 9 to 15, got "8"/);
  });
});

describe('bin/client.ts', () => {
  it('offers permessage-deflate, prints COUNT replies, closes with 1000 and exits 0', async () => {
    const { server } = await startServer(track, { thresholdBytes: 0 });
    const script = startScript(packageDir, 'bin/client.ts', {
      URL: server.url,
      COUNT: '2',
      INTERVAL_MS: '10',
      SERVER_MAX_WINDOW_BITS: '10',
    });
    track(() => script.stop('SIGKILL'));
    expect(await script.exited).toBe(0);
    expect(script.output).toContain(
      '[client] the server agreed to "permessage-deflate; server_max_window_bits=10"',
    );
    expect(script.output.filter((line) => line === '[client] recv: "hello, server!"')).toHaveLength(
      2,
    );
    expect(script.output.at(-1)).toBe('[client] closed: 1000 (normal closure) "done"');
  });

  it('with PERMESSAGE_DEFLATE=0 offers nothing and still echoes', async () => {
    const { server, logged } = await startServer(track);
    const script = startScript(packageDir, 'bin/client.ts', {
      URL: server.url,
      COUNT: '1',
      PERMESSAGE_DEFLATE: '0',
    });
    track(() => script.stop('SIGKILL'));
    expect(await script.exited).toBe(0);
    expect(script.output.join('\n')).not.toMatch(/agreed/);
    await logged.waitForLine(/upgraded to WebSocket on \/echo$/);
  });

  it('closes with 1001 on SIGINT and exits 0', async () => {
    const { server, logged } = await startServer(track);
    const script = startScript(packageDir, 'bin/client.ts', { URL: server.url });
    track(() => script.stop('SIGKILL'));
    await script.waitForLine(/recv: "hello, server!"/);
    expect(await script.stop('SIGINT')).toBe(0);
    await logged.waitForLine(/closed: 1001 \(going away\) "client going away"$/);
  });
});
