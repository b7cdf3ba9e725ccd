import { fileURLToPath } from 'node:url';
import { captureLogger, startScript, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { startChatServer } from '../src/server.ts';
import { joinChat, leave } from './chat-peer.ts';

const track = useCleanup();
const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('bin/server.ts', () => {
  it('prints its ready line, says goodbye with 1001 on SIGINT, and exits 0', async () => {
    const server = startScript(packageDir, 'bin/server.ts', { PING_INTERVAL_MS: '1000' });
    track(() => server.stop());
    const url = await server.ready();
    expect(url).toMatch(/^http:\/\/localhost:\d+\/$/);
    await server.waitForLine(/\(WebSocket at ws:\/\/localhost:\d+\/ws\)$/);

    const ann = await joinChat(`${url.replace('http', 'ws')}ws`, 'ann');
    track(() => leave(ann));
    await server.waitForLine(/ann connected from/);
    expect(await server.stop('SIGINT')).toBe(0);
    expect(await ann.closed).toEqual({ code: 1001, reason: 'server shutting down' });
  });

  it('explains a bad setting in one line and exits 1', async () => {
    const server = startScript(packageDir, 'bin/server.ts', { PONG_TIMEOUT_MS: '10' });
    track(() => server.stop());
    expect(await server.exited).toBe(1);
    expect(server.output).toContain(
      '[chat] error: PONG_TIMEOUT_MS (10) must be greater than PING_INTERVAL_MS (54000)',
    );
  });
});

describe('bin/client.ts', () => {
  it('with COUNT=3 sends three messages, sees them come back, and closes with 1000', async () => {
    const { log, waitForLine } = captureLogger('chat');
    const chat = await startChatServer({ port: 0, log });
    track(() => chat.close());
    const watcher = await joinChat(chat.url, 'watcher');
    track(() => leave(watcher));

    const client = startScript(packageDir, 'bin/client.ts', {
      URL: chat.url,
      NAME: 'ann',
      COUNT: '3',
    });
    track(() => client.stop());
    expect(await client.exited).toBe(0);
    expect(client.output).toEqual([
      `[chat] connected to ${chat.url}?name=ann`,
      '[chat] * you are ann (2 online)',
      '[chat] * ann joined (2 online)',
      '[chat] ann: hello 1 of 3',
      '[chat] ann: hello 2 of 3',
      '[chat] ann: hello 3 of 3',
      '[chat] closed (1000 "done")',
    ]);
    expect(await watcher.waitForTexts(3)).toEqual(['hello 1 of 3', 'hello 2 of 3', 'hello 3 of 3']);
    await waitForLine(/ann disconnected \(1000 "done"\)/);
  });

  it('sends the lines typed on stdin, and closes on SIGINT with exit 0', async () => {
    const chat = await startChatServer({ port: 0, log: captureLogger().log });
    track(() => chat.close());
    const client = startScript(packageDir, 'bin/client.ts', { URL: chat.url, NAME: 'bob' });
    track(() => client.stop());
    await client.waitForLine(/you are bob/);
    client.child.stdin?.write('hi from the terminal\n');
    await client.waitForLine(/^\[chat\] bob: hi from the terminal$/);
    expect(await client.stop('SIGINT')).toBe(0);
  });

  it('explains a refused connection in one line and exits 1', async () => {
    const chat = await startChatServer({ port: 0, log: captureLogger().log });
    const url = chat.url;
    await chat.close();
    const client = startScript(packageDir, 'bin/client.ts', { URL: url });
    track(() => client.stop());
    expect(await client.exited).toBe(1);
    expect(client.output).toHaveLength(1);
    expect(client.output[0]).toMatch(/^\[chat\] error: connection refused by .*\(ECONNREFUSED\)$/);
  });
});
