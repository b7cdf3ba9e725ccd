import { once } from 'node:events';
import { createServer } from 'node:http';
import { type Duplex, Readable } from 'node:stream';
import { handleUpgrade } from '@sockets/handshake';
import { listen } from '@sockets/shared';
import { captureLogger, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { startChatClient } from '../src/index.ts';

const track = useCleanup();

/** A server that completes the handshake on /ws and then reads nothing at all. */
async function silentServer(): Promise<string> {
  const sockets = new Set<Duplex>();
  const server = createServer();
  server.on('upgrade', (request, socket, head) => {
    sockets.add(socket);
    socket.on('error', () => {});
    const policy = {
      paths: ['/ws'],
      protocols: [],
      allowedOrigins: [],
      handshakeTimeoutMs: 1000,
      log: captureLogger().log,
    };
    if (handleUpgrade(request, socket, head, policy)) socket.pause();
  });
  const port = await listen(server, '127.0.0.1', 0);
  track(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  return `ws://127.0.0.1:${port}/ws`;
}

describe('the terminal client', () => {
  it('stops reading its input while the server does not read what it sent', async () => {
    const url = await silentServer();
    // 100 MB of piped lines: without backpressure they would all end up in ws's buffer.
    const total = 100_000;
    let pulled = 0;
    const input = Readable.from(
      (function* () {
        while (pulled < total) {
          pulled += 1;
          yield `${'x'.repeat(1000)}\n`;
        }
      })(),
    );
    const { log } = captureLogger('chat');
    await startChatClient({ url, name: '', count: 0, log }, input);
    await once(input, 'pause');
    expect(pulled).toBeLessThan(total);
  });
});
