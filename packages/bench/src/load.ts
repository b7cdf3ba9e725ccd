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

/** One client that times echo round trips, kept open between measurements. */
export interface LatencyProbe {
  /** Sends `rate` messages a second for `durationMs`; resolves with each round trip in ms. */
  measure(rate: number, durationMs: number): Promise<number[]>;
  close(): Promise<void>;
}

/**
 * Echo latency at a fixed rate well below saturation. The server echoes in
 * order, so replies match sends first in, first out.
 */
export async function openLatencyProbe(
  url: string,
  payload: Buffer,
  binary: boolean,
): Promise<LatencyProbe> {
  const socket = await connect(url);
  const sentAt: number[] = [];
  let roundTrips: number[] = [];
  socket.on('message', () => roundTrips.push(performance.now() - sentAt.shift()!));
  // Every millisecond (the finest a Node timer goes), so that at 2,000 msg/s
  // two messages leave together, not twenty: with 10 ms ticks the p99 timed
  // how long a server took to work through a burst of twenty.
  const tickMs = 1;

  async function measure(rate: number, durationMs: number): Promise<number[]> {
    roundTrips = [];
    const started = performance.now();
    let sent = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const elapsed = performance.now() - started;
        // Catch up to where the schedule says we should be, so a late tick
        // does not lower the rate.
        const due = Math.min(
          Math.floor((elapsed / 1000) * rate),
          Math.floor((durationMs / 1000) * rate),
        );
        for (; sent < due; sent++) {
          sentAt.push(performance.now());
          socket.send(payload, { binary });
        }
        if (elapsed >= durationMs) {
          clearInterval(timer);
          resolve();
        }
      }, tickMs);
    });
    // A lost echo would leave us waiting forever: give up after 10 s of silence.
    while (roundTrips.length < sent)
      await once(socket, 'message', { signal: AbortSignal.timeout(10_000) });
    return roundTrips;
  }

  return { measure, close: () => closeAll([socket]) };
}
