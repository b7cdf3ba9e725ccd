import { once } from 'node:events';
import { connect } from 'node:net';
import { setImmediate } from 'node:timers/promises';
import { useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer } from './helpers.ts';

const track = useCleanup();

/**
 * Ticks, a thousand at a time, until `gone()` says the slow client was
 * dropped. Its kernel buffers (a few MB on loopback) fill first; only then do
 * bytes wait in Node's. Between batches, the server's events get to run.
 */
async function tickUntil(server: { ticker: { tick(): unknown } }, gone: () => boolean) {
  let ticks = 0;
  while (!gone() && ticks < 200_000) {
    for (let i = 0; i < 1000; i++) server.ticker.tick();
    ticks += 1000;
    await setImmediate();
  }
  return ticks;
}

describe('a client that stops reading', () => {
  it('has its event stream dropped once SEND_BUFFER_BYTES wait for it', async () => {
    const { server, waitForLine } = await startServer(track, { sendBufferBytes: 4096 });
    const { hostname, port } = new URL(server.url);
    const socket = connect(Number(port), hostname);
    track(() => socket.destroy());
    await once(socket, 'connect');
    socket.write('GET /events HTTP/1.1\r\nHost: test\r\n\r\n');
    await waitForLine(/opened an event stream/);
    socket.pause(); // a frozen tab: nothing more is read

    const ticks = await tickUntil(server, () => server.streams.open === 0);
    expect(ticks).toBeLessThan(200_000);
    await waitForLine(
      /warn: 127\.0\.0\.1:\d+ reads too slowly \(\d+ bytes waiting\): dropping its stream/,
    );
  });

  it('has its WebSocket closed with 1013 once SEND_BUFFER_BYTES wait for it', async () => {
    const { server, waitForLine } = await startServer(track, { sendBufferBytes: 4096 });
    const client = new WebSocket(new URL('/ws', server.url.replace('http', 'ws')));
    track(() => client.terminate());
    await once(client, 'open');
    client.pause();

    let closing = false;
    void waitForLine(/reads too slowly: closing with 1013/).then(() => {
      closing = true;
    });
    await tickUntil(server, () => closing);
    expect(closing).toBe(true);
  });
});
