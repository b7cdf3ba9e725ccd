import { cpus, platform, release } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { consoleSink, createLogger, type Logger } from '@sockets/shared';
import { type FeedClient, openFeed } from './clients.ts';
import { type TransportName, transportNames } from './meter.ts';
import type { CompareOptions } from './options.ts';
import { startTransportsServer } from './server.ts';

// The compare script: the four transports side by side, without a browser.
// It starts a server of its own (so that its counters hold nothing but this
// run), opens one client per transport, and once every client has its first
// tick, watches COUNT more. Requests and bytes are the server's counters
// (see meter.ts), for the whole run, connection set-up included, as the
// page's panels show them; latency and missed ticks are the clients'.

export const transportLabels: Record<TransportName, string> = {
  poll: 'short polling',
  longPoll: 'long polling',
  sse: 'Server-Sent Events',
  ws: 'WebSocket',
};

// #region result
export interface TransportResult {
  transport: TransportName;
  /** HTTP requests the client made (a WebSocket's is its handshake). */
  requests: number;
  /** Bytes per tick delivered, both ways, headers included. */
  bytesUpPerUpdate: number;
  bytesDownPerUpdate: number;
  /** Milliseconds from the tick to the client, over the COUNT ticks watched. */
  p50Ms: number;
  p99Ms: number;
  /** Of the COUNT ticks watched, how many this client never saw. */
  missed: number;
}
// #endregion result

export interface Comparison {
  date: string;
  settings: { count: number; tickMs: number; pollMs: number };
  machine: { cpu: string; cores: number; node: string; os: string };
  results: TransportResult[];
}

export interface Progress {
  /** Ticks watched so far, of `count`. */
  tick: number;
  count: number;
  /** Ticks each client has seen of those. */
  received: Record<TransportName, number>;
}

export interface CompareRun extends Omit<CompareOptions, 'out'> {
  onProgress?: (progress: Progress) => void;
  /** The server's log: warnings only, by default, so that the progress stays readable. */
  log?: Logger;
}

// #region compare
export async function compareTransports(run: CompareRun): Promise<Comparison> {
  const { count, tickMs, pollMs } = run;
  const log = run.log ?? createLogger('transports', consoleSink, 'warn');
  const server = await startTransportsServer({ host: '127.0.0.1', port: 0, tickMs, pollMs, log });
  const feeds = transportNames.map((transport) =>
    openFeed(transport, { url: server.url, pollMs, retryMs: tickMs }),
  );
  try {
    // Every client has one tick: all four are connected, and the count starts.
    await withDeadline(
      Promise.all(feeds.map((feed) => feed.waitForCount(1))),
      10 * tickMs + 5_000,
      'not every transport received a first tick',
    );
    const start = server.ticker.latest!.n;
    const inWindow = (feed: FeedClient) =>
      new Set(
        feed.received.map(({ tick }) => tick.n).filter((n) => n > start && n <= start + count),
      );
    // A tick is counted once the next one is made: each had a whole tick's time to arrive.
    await new Promise<void>((resolve) => {
      const stop = server.ticker.subscribe((tick) => {
        const watched = tick.n - 1 - start;
        if (watched < 1) return;
        const received = Object.fromEntries(
          feeds.map((feed) => [feed.transport, inWindow(feed).size]),
        ) as Record<TransportName, number>;
        run.onProgress?.({ tick: watched, count, received });
        if (watched === count) {
          stop();
          resolve();
        }
      });
    });
    // A push transport's last tick may still be on its way on a busy machine:
    // late is not missed, so it gets a while longer. A poll asks for the latest
    // tick only, so what it has not seen by now it never will.
    const pushed = feeds.filter((feed) => feed.transport !== 'poll');
    await withDeadline(
      Promise.all(pushed.map((feed) => feed.waitForTick(start + count))),
      10 * tickMs + 2_000,
      'the last tick did not arrive',
    ).catch(() => {});
    const usage = server.stats().transports;
    const results = feeds.map((feed): TransportResult => {
      const { requests, bytesUp, bytesDown, updates } = usage[feed.transport];
      const watched = feed.received.filter(({ tick }) => tick.n > start && tick.n <= start + count);
      const latencies = watched.map(({ latencyMs }) => latencyMs);
      return {
        transport: feed.transport,
        requests,
        bytesUpPerUpdate: round(bytesUp / updates),
        bytesDownPerUpdate: round(bytesDown / updates),
        p50Ms: round(percentile(latencies, 50)),
        p99Ms: round(percentile(latencies, 99)),
        missed: count - inWindow(feed).size,
      };
    });
    return {
      date: new Date().toISOString(),
      settings: { count, tickMs, pollMs },
      machine: machine(),
      results,
    };
  } finally {
    await Promise.all(feeds.map((feed) => feed.close()));
    await server.close();
  }
}
// #endregion compare

/** Nearest rank: the smallest value with at least p% of the values at or below it. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

// #region table
/** The results as one plain-text table. */
export function formatTable({ results }: Comparison): string {
  const header = [
    'transport',
    'requests',
    'bytes up/update',
    'bytes down/update',
    'p50 ms',
    'p99 ms',
    'missed',
  ];
  const rows = results.map((r) => [
    transportLabels[r.transport],
    String(r.requests),
    r.bytesUpPerUpdate.toFixed(0),
    r.bytesDownPerUpdate.toFixed(0),
    r.p50Ms.toFixed(1),
    r.p99Ms.toFixed(1),
    String(r.missed),
  ]);
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => row[i]!.length)),
  );
  // The first column reads left to right; the numbers line up on the right.
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
// #endregion table

/** One line for a progress display: `tick 12/30 · short polling 11 · long polling 12 …`. */
export function formatProgress({ tick, count, received }: Progress): string {
  const parts = transportNames.map((t) => `${transportLabels[t]} ${received[t]}`);
  return [`tick ${tick}/${count}`, ...parts].join(' · ');
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function machine(): Comparison['machine'] {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    os: `${platform()} ${release()}`,
  };
}

async function withDeadline<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  const controller = new AbortController();
  try {
    return await Promise.race([
      promise,
      sleep(ms, undefined, { signal: controller.signal }).then(() => {
        throw new Error(`${message} within ${ms} ms`);
      }),
    ]);
  } finally {
    controller.abort();
  }
}
