import { once } from 'node:events';
import { createServer } from 'node:http';
import { listen } from '@sockets/shared';
import { captureLogger, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { forwardNaively } from '../src/naive-forwarding.ts';
import { startChatServer } from '../src/server.ts';

const track = useCleanup();

// #region scenario
// Three people: A is quiet, B says "hi", and only then does A say "unblock".
// Everyone should see "hi" first. C is watching.
async function quietTalkerWatcher(url: string) {
  const connect = async () => {
    const socket = new WebSocket(url);
    const received: string[] = [];
    socket.on('message', (data) => received.push(data.toString()));
    await once(socket, 'open');
    track(async () => {
      socket.close();
      await once(socket, 'close');
    });
    return { socket, received };
  };
  // One at a time, so the server sees them in this order.
  const a = await connect();
  const b = await connect();
  const c = await connect();

  b.socket.send('hi');
  // A pong comes back only after the server has read everything B sent before
  // the ping, so by now "hi" is in the server's hands.
  b.socket.ping();
  await once(b.socket, 'pong');
  a.socket.send('unblock');
  return c;
}
// #endregion scenario

/** Resolves once `done()` is true, checking after each message (no message can slip by). */
function waitUntil(socket: WebSocket, done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!done()) return;
      socket.off('message', check);
      resolve();
    };
    socket.on('message', check);
    check();
  });
}

const texts = (received: string[]) =>
  received.flatMap((data) => {
    const event = JSON.parse(data);
    return event.type === 'message' ? [event.text] : [];
  });

describe("seed 003's forwarding loop versus the hub", () => {
  it('the loop: B waits for A, because the loop reads one client at a time', async () => {
    const server = createServer();
    const wss = new WebSocketServer({ server });
    const forwarding = forwardNaively(wss);
    const port = await listen(server, 'localhost', 0);
    track(() => new Promise((resolve) => server.close(resolve)));
    track(() => forwarding.stop());

    const c = await quietTalkerWatcher(`ws://localhost:${port}`);
    await waitUntil(c.socket, () => c.received.length >= 2);
    expect(c.received).toEqual(['unblock', 'hi']); // B's "hi" sat there until A spoke
  });

  it('the hub: everyone sees B at once, whatever A does', async () => {
    const chat = await startChatServer({ port: 0, log: captureLogger().log });
    track(() => chat.close());

    const c = await quietTalkerWatcher(chat.url);
    await waitUntil(c.socket, () => texts(c.received).length >= 2);
    expect(texts(c.received)).toEqual(['hi', 'unblock']);
  });
});
