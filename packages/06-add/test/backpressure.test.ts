import { useCleanup } from '@sockets/testkit';
import { expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { closeOf, startServer, wsClient } from './helpers.ts';

const track = useCleanup();

/** Resolves with the first `count` replies, parsed, once they have all come. */
function replies(socket: WebSocket, count: number): Promise<{ sum: number; id: number }[]> {
  const received: { sum: number; id: number }[] = [];
  return new Promise((resolve) => {
    socket.on('message', (data) => {
      received.push(JSON.parse(String(data)));
      if (received.length === count) resolve(received);
    });
  });
}

it('stops reading from a client that does not read its replies, and loses none of them', async () => {
  const sendBufferLimit = 64 * 1024;
  const { server, logged } = await startServer(track, { sendBufferLimit });
  const client = await wsClient(track, server.url);
  const [serverSide] = server.clients;

  // 24 MiB of requests whose replies are as big as they are (the id comes
  // back), more than the kernel's socket buffers on both ends can hold. The
  // client reads none of the replies for now.
  client.pause();
  const count = 6 * 1024;
  const pad = 'x'.repeat(4000);
  for (let id = 0; id < count; id += 1)
    client.send(JSON.stringify({ a: id, b: 1, id: `${id}${pad}` }));
  const answered = () => logged.lines.filter((line) => line.includes('write response')).length;

  // Either the server says it stopped reading, or (without backpressure) it
  // answered everything, the last request included, and holds every reply
  // the kernel would not take.
  await Promise.race([
    logged.waitForLine(/stopped reading from /),
    logged.waitForLine(new RegExp(`write response \\{"sum":${count},`)),
  ]);

  // What waits in the server for this client: the limit, plus the replies to
  // the one chunk of requests (64 KiB at most) that ws had read before the pause.
  expect(serverSide!.bufferedAmount).toBeLessThan(sendBufferLimit + 128 * 1024);
  expect(serverSide!.isPaused).toBe(true);
  expect(answered()).toBeLessThan(count);
  // TCP's flow control did the rest: the client's own requests back up.
  expect(client.bufferedAmount).toBeGreaterThan(0);

  // Once the client reads, the server reads on, and every request is answered, in order.
  const all = replies(client, count);
  client.resume();
  const received = await all;
  expect(received.map((reply) => reply.id)).toEqual(
    Array.from({ length: count }, (_, id) => `${id}${pad}`),
  );
  expect(received.every((reply, id) => reply.sum === id + 1)).toBe(true);
  await logged.waitForLine(/resumed reading from /);
});

it('closes a client that leaves its replies unread past the read deadline, and says why', async () => {
  const readTimeoutMs = 1000;
  const { server, logged } = await startServer(track, { sendBufferLimit: 1024, readTimeoutMs });
  const client = await wsClient(track, server.url);
  client.pause();
  // Requests in small batches, so that the server reads between them and
  // its deadline keeps moving, until it stops reading.
  let stopped = false;
  void logged.waitForLine(/stopped reading from /).then(() => {
    stopped = true;
  });
  const request = JSON.stringify({ a: 1, b: 2, id: 'x'.repeat(4000) });
  for (let batch = 0; !stopped; batch += 1) {
    if (batch === 1000) throw new Error('the server read 64 MiB without stopping');
    for (let i = 0; i < 16; i += 1) client.send(request);
    await new Promise(setImmediate);
  }
  // The deadline passes; what it says must not be "no request".
  const line = await Promise.race([
    logged.waitForLine(/has not read its replies/),
    logged.waitForLine(/read message timeout/),
  ]);
  expect(line).toMatch(/^\[add\] \S+:\d+ has not read its replies for 1000 ms: closing$/);

  // When the client reads at last, it gets the replies, then the close frame,
  // and the server reads the client's answer: the close handshake completes.
  const closed = closeOf(client);
  client.resume();
  expect(await closed).toEqual({ code: 1001, reason: 'replies unread for 1000 ms' });
  await logged.waitForLine(/connection from \S+ closed: 1001 "replies unread for 1000 ms"$/);
});
