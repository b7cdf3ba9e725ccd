import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { openLatencyProbes } from '../src/load.ts';

const track = useCleanup();

/** A ws echo server on port 0 that notes, in `arrivals`, when each message came. */
async function startEchoServer(arrivals: number[]): Promise<string> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  track(() => new Promise((resolve) => server.close(resolve)));
  await once(server, 'listening');
  server.on('connection', (socket) =>
    socket.on('message', (data, isBinary) => {
      arrivals.push(performance.now());
      socket.send(data, { binary: isBinary });
    }),
  );
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('openLatencyProbes', () => {
  it('sends each server its rate, interleaved, and times every round trip', async () => {
    const arrivalsAtA: number[] = [];
    const arrivalsAtB: number[] = [];
    const urls = [await startEchoServer(arrivalsAtA), await startEchoServer(arrivalsAtB)];
    const probes = await openLatencyProbes(urls, Buffer.from('ping'), false);
    track(() => probes.close());

    const started = performance.now();
    const [a, b] = await probes.measure(100, 200);

    expect(a).toHaveLength(20);
    expect(b).toHaveLength(20);
    for (const roundTrip of [...a!, ...b!]) expect(roundTrip).toBeGreaterThan(0);
    // 100 a second each, interleaved: a at 0, 10, 20 ms…, b at 5, 15, 25 ms….
    // A busy machine can only make a message later than its slot, never
    // earlier, so the slots are lower bounds (and the order in which the two
    // servers read a late burst is up to the event loop, so it is not checked).
    for (const [i, at] of arrivalsAtA.entries())
      expect(at - started).toBeGreaterThanOrEqual(10 * i);
    for (const [i, at] of arrivalsAtB.entries())
      expect(at - started).toBeGreaterThanOrEqual(10 * i + 5);
  });
});
