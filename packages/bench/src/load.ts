import { once } from 'node:events';
import WebSocket from 'ws';

// The load generator's two measurements, with ws as the client for every
// server so that only the server differs between runs.

export interface Throughput {
  messagesPerSecond: number;
  megabytesPerSecond: number;
}

async function connect(url: string): Promise<WebSocket> {
  const socket = new WebSocket(url, { maxPayload: 0, perMessageDeflate: false });
  await once(socket, 'open');
  return socket;
}

async function closeAll(sockets: WebSocket[]): Promise<void> {
  await Promise.all(
    sockets.map(async (socket) => {
      if (socket.readyState === WebSocket.CLOSED) return;
      const closed = once(socket, 'close');
      socket.close(1000);
      await closed;
    }),
  );
}

/**
 * Echo throughput: `connections` clients each keep `window` messages in
 * flight (pipelining: a new one goes out as each echo comes back) for
 * `durationMs`. Only echoes that arrive within the time count.
 */
export async function measureThroughput(
  url: string,
  payload: Buffer,
  binary: boolean,
  { connections, window, durationMs }: { connections: number; window: number; durationMs: number },
): Promise<Throughput> {
  const sockets = await Promise.all(Array.from({ length: connections }, () => connect(url)));
  let echoes = 0;
  let running = true;
  const started = performance.now();
  for (const socket of sockets) {
    socket.on('message', () => {
      if (!running) return;
      echoes += 1;
      socket.send(payload, { binary });
    });
    for (let i = 0; i < window; i++) socket.send(payload, { binary });
  }
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  running = false;
  const seconds = (performance.now() - started) / 1000;
  await closeAll(sockets);
  return {
    messagesPerSecond: echoes / seconds,
    megabytesPerSecond: (echoes * payload.length) / seconds / 1e6,
  };
}

/** One client per server, timing echo round trips; kept open between measurements. */
export interface LatencyProbes {
  /**
   * Sends `rate` messages a second to each server for `durationMs`; resolves
   * with each server's round trips in ms, in the order of the urls.
   */
  measure(rate: number, durationMs: number): Promise<number[][]>;
  close(): Promise<void>;
}

/**
 * Echo latency of several servers at once, at a fixed rate well below
 * saturation. Their messages interleave: at 2,000 msg/s each, the first
 * server gets one at 0 ms, the second at 0.25 ms, the first again at 0.5 ms,
 * and so on. A round trip of a fraction of a millisecond is at the mercy of
 * the machine (this VM stalls for 1-4 ms a few times a second), and a stall
 * now delays messages to every server alike, so what is left between their
 * p99s is what the servers do themselves. Each server echoes in order, so
 * its replies match its sends first in, first out.
 */
export async function openLatencyProbes(
  urls: string[],
  payload: Buffer,
  binary: boolean,
): Promise<LatencyProbes> {
  const sockets = await Promise.all(urls.map(connect));
  const sentAt = sockets.map((): number[] => []);
  let roundTrips = sockets.map((): number[] => []);
  for (const [i, socket] of sockets.entries()) {
    socket.on('message', () => roundTrips[i]!.push(performance.now() - sentAt[i]!.shift()!));
  }

  async function measure(rate: number, durationMs: number): Promise<number[][]> {
    roundTrips = sockets.map(() => []);
    const total = Math.floor((durationMs / 1000) * rate) * sockets.length;
    const spacingMs = 1000 / rate / sockets.length;
    const started = performance.now();
    let sent = 0;
    const received = () => roundTrips.reduce((sum, list) => sum + list.length, 0);
    // A timer fires at best once a millisecond, too coarse for sends 0.25 ms
    // apart, so this loop looks at the clock on every turn of the event loop
    // (setImmediate lets the echoes in between turns). It keeps this process's
    // core busy, which is the load generator's own.
    await new Promise<void>((resolve, reject) => {
      let gaveUp = false;
      const giveUp = setTimeout(() => {
        gaveUp = true;
        reject(new Error(`echoes stopped coming: ${received()} of ${total}`));
      }, durationMs + 10_000);
      const turn = () => {
        if (gaveUp) return;
        const now = performance.now();
        for (; sent < total && now >= started + sent * spacingMs; sent++) {
          const i = sent % sockets.length;
          sentAt[i]!.push(performance.now());
          sockets[i]!.send(payload, { binary });
        }
        if (sent < total || received() < total) return void setImmediate(turn);
        clearTimeout(giveUp);
        resolve();
      };
      turn();
    });
    return roundTrips;
  }

  return { measure, close: () => closeAll(sockets) };
}
