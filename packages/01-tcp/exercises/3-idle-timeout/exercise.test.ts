import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { localName } from '@sockets/shared';
import { captureLogger, loadExercise, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { startTcpServer } from '../../src/index.ts';

const { closeIdleConnections } = await loadExercise<typeof import('./solution.ts')>(
  import.meta.url,
);

const track = useCleanup();
const IDLE_MS = 50;

/** A lesson 01 echo server whose connections close after IDLE_MS of silence. */
async function idleServer() {
  const captured = captureLogger('tcp-server');
  const server = await startTcpServer({ port: 0, log: captured.log });
  track(() => server.close());
  closeIdleConnections(server.server, IDLE_MS, captured.log);
  const socket = connect({ port: server.port, host: 'localhost' });
  track(() => socket.destroy());
  await once(socket, 'connect');
  return { socket, ...captured };
}

/**
 * How the connection ended: 'end' (the server's polite FIN), 'error' (a reset), or
 * 'still open' when nothing happened for a whole second, twenty times the idle timeout.
 * (The second is only there so that a missing timeout fails quickly instead of hanging.)
 */
function howItEnds(socket: Socket): Promise<'end' | 'error' | 'still open'> {
  return new Promise((resolve) => {
    const guard = setTimeout(() => resolve('still open'), 1000);
    socket.once('end', () => resolve('end'));
    socket.once('error', () => resolve('error'));
    socket.once('close', () => clearTimeout(guard));
    socket.resume();
  });
}

describe('closeIdleConnections', () => {
  it('ends a client that connects and says nothing', async () => {
    const { socket } = await idleServer();
    expect(
      await howItEnds(socket),
      'hint: socket.setTimeout(ms) on each new connection, then end() it on "timeout"',
    ).toBe('end');
  });

  it('logs a warning that names the peer and says it was idle', async () => {
    const { socket, waitForLine } = await idleServer();
    await howItEnds(socket);
    const line = await Promise.race([
      waitForLine(/idle/),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 200)),
    ]);
    expect(
      line ?? 'no line with "idle"',
      'hint: log.warn a line with peerName(socket) and the word "idle"',
    ).toContain(localName(socket));
  });

  it('lets the replies already owed arrive before the end', async () => {
    const { socket } = await idleServer();
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk;
    });
    socket.write('last words\n');
    expect(await howItEnds(socket), 'hint: end() the connection, do not destroy() it').toBe('end');
    expect(received, 'hint: end() sends what was written, then the FIN').toBe('echo: last words\n');
  });
});
