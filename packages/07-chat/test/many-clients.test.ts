import { once } from 'node:events';
import { captureLogger, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startChatServer } from '../src/server.ts';

const track = useCleanup();
const CLIENTS = 1000;
const BATCH = 100;

describe('a thousand clients', () => {
  it('each get a broadcast message exactly once', async () => {
    const chat = await startChatServer({ port: 0, log: captureLogger().log });
    track(() => chat.close());

    // Bare ws clients that just count the chat messages they get: a thousand
    // ChatPeers would spend more time recording joins than the server does.
    const received = new Array<number>(CLIENTS).fill(0);
    const sockets: WebSocket[] = [];
    const delivered: Promise<void>[] = [];
    for (let start = 0; start < CLIENTS; start += BATCH) {
      const batch = Array.from({ length: BATCH }, (_, offset) => {
        const index = start + offset;
        const socket = new WebSocket(chat.url);
        delivered.push(
          new Promise((resolve) => {
            socket.on('message', (data) => {
              if (!data.toString().includes('"type":"message"')) return;
              received[index]! += 1;
              resolve();
            });
          }),
        );
        sockets.push(socket);
        return once(socket, 'open');
      });
      await Promise.all(batch);
    }
    track(() => Promise.all(sockets.map((socket) => socket.terminate())));
    expect(chat.hub.size).toBe(CLIENTS);

    sockets[0]!.send('hello, everyone');
    await Promise.all(delivered);
    expect(received.every((count) => count === 1)).toBe(true);
  });
});
