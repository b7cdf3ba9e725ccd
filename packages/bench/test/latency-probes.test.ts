import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { openLatencyProbes } from '../src/load.ts';

const track = useCleanup();

/** A ws echo server on port 0 that notes, in `arrivals`, each message it gets. */
async function startEchoServer(name: string, arrivals: string[]): Promise<string> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  track(() => new Promise((resolve) => server.close(resolve)));
  await once(server, 'listening');
  server.on('connection', (socket) =>
    socket.on('message', (data, isBinary) => {
      arrivals.push(name);
      socket.send(data, { binary: isBinary });
    }),
  );
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('openLatencyProbes', () => {
  it('sends each server its rate, interleaved, and times every round trip', async () => {
    const arrivals: string[] = [];
    const urls = [await startEchoServer('a', arrivals), await startEchoServer('b', arrivals)];
    const probes = await openLatencyProbes(urls, Buffer.from('ping'), false);
    track(() => probes.close());

    const [a, b] = await probes.measure(100, 200);

    expect(a).toHaveLength(20);
    expect(b).toHaveLength(20);
    for (const roundTrip of [...a!, ...b!]) expect(roundTrip).toBeGreaterThan(0);
    // 5 ms apart at 100 a second each: the servers see a, b, a, b, …
    expect(arrivals.join('')).toBe('ab'.repeat(20));
  });
});
