import { once } from 'node:events';
import { connect } from 'node:net';
import { join } from 'node:path';
import { captureLogger, startScript, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { startServer } from '../src/index.ts';

const track = useCleanup();
const packageDir = join(import.meta.dirname, '..');

describe('startServer', () => {
  it('prints its ready line with the port it really got, and greets a client', async () => {
    const { log, lines, waitForLine } = captureLogger('lesson-name');
    const server = await startServer({ port: 0, log });
    track(() => server.close());
    expect(lines).toEqual([`[lesson-name] listening on tcp://localhost:${server.port}`]);

    const socket = connect({ port: server.port, host: 'localhost' });
    track(() => socket.destroy());
    await once(socket, 'connect');
    let received = '';
    for await (const chunk of socket) received += chunk;
    expect(received).toBe('hello from lesson-name\n');
    await waitForLine(/disconnect/);
  });
});

describe('bin/server.ts', () => {
  it('prints its ready line, greets a client, and exits 0 on SIGINT', async () => {
    const script = startScript(packageDir, 'bin/server.ts');
    track(() => script.stop('SIGKILL'));
    const url = await script.ready();
    expect(url).toMatch(/^tcp:\/\/localhost:\d+$/);
    const socket = connect({ port: Number(new URL(url).port), host: 'localhost' });
    track(() => socket.destroy());
    let received = '';
    for await (const chunk of socket) received += chunk;
    expect(received).toBe('hello from lesson-name\n');
    // Once it has served a client, the script is surely past start-up and handles Ctrl+C.
    await script.waitForLine(/disconnect/);
    expect(await script.stop('SIGINT')).toBe(0);
  });
});
