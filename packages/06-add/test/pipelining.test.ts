import { createLogger } from '@sockets/shared';
import { useCleanup } from '@sockets/testkit';
import { expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { startServer, wsClient } from './helpers.ts';

const track = useCleanup();

const clients = 100;
const requestsPerClient = 1000;

/**
 * Send every request at once and resolve when each has its reply. Replies are
 * matched by id, not by order: the test does not rely on the server answering
 * in order, only on it answering each request exactly once, correctly.
 */
function pipeline(socket: WebSocket, client: number): Promise<number> {
  const expected = new Map<number, number>();
  return new Promise((resolve, reject) => {
    socket.on('message', (data) => {
      const reply = JSON.parse(String(data)) as { sum: number; id: number };
      if (expected.get(reply.id) !== reply.sum) {
        reject(new Error(`client ${client}: reply ${String(data)} matches no request`));
        return;
      }
      expected.delete(reply.id);
      if (expected.size === 0) resolve(requestsPerClient);
    });
    for (let id = 0; id < requestsPerClient; id += 1) {
      const a = client * 1_000_003 + id;
      const b = -id * 7;
      expected.set(id, a + b);
      socket.send(JSON.stringify({ a, b, id }));
    }
  });
}

it(`answers ${clients} clients pipelining ${requestsPerClient} requests each, matched by id`, async () => {
  // A silent log: 100,000 "write response" lines would measure the logger.
  const { server } = await startServer(track, { log: createLogger('add', () => undefined) });
  const sockets = await Promise.all(
    Array.from({ length: clients }, () => wsClient(track, server.url)),
  );
  const started = performance.now();
  const answered = await Promise.all(sockets.map(pipeline));
  const seconds = (performance.now() - started) / 1000;
  expect(answered.reduce((sum, count) => sum + count, 0)).toBe(clients * requestsPerClient);
  console.info(
    `${clients * requestsPerClient} requests in ${seconds.toFixed(2)} s: ` +
      `${Math.round((clients * requestsPerClient) / seconds)} requests/s, client and server in one process`,
  );
});
