import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { startScript } from '@sockets/testkit/script';
import { type Bench, fixed, whole } from './bench.ts';
import { measureThroughput, openLatencyProbes, type Throughput } from './load.ts';
import { serverCpu } from './pin.ts';
import type { Progress } from './progress.ts';
import { type LatencySummary, median, summarize } from './stats.ts';

// `pnpm bench echo`: lesson 05's `server` (our hand-written protocol) against
// its `server:ws` twin. Each server runs in its own process pinned to CPU 0;
// this process, the load generator, runs on CPU 1. So that a slow moment of
// the machine hurts both alike:
// - throughput: the two servers take turns within every round (ours first in
//   odd rounds, ws first in even ones); the report gives the median of the
//   rounds;
// - latency: both servers run at once, one client on each, and the two
//   clients' messages interleave (load.ts), so a stall of the machine delays
//   both alike. After a warm-up that is not counted (the JIT is still
//   compiling the first thousands of messages), each server's p50 and p99
//   come from all its rounds together;
// - control: the same latency measurement with ours against a second copy of
//   ours. The p99s of two identical servers still differ by chance, and this
//   says by how much in the same run.

const echoDir = dirname(dirname(createRequire(import.meta.url).resolve('@sockets/echo')));
const servers = [
  { name: 'ours', script: 'bin/server.ts' },
  { name: 'ws', script: 'bin/server-ws.ts' },
] as const;
type ServerName = (typeof servers)[number]['name'];

export interface EchoCase {
  label: string;
  bytes: number;
  binary: boolean;
  /** messages in flight per connection for the throughput figure */
  window: number;
  /** messages per second for the latency figure, well below either server's capacity */
  rate: number;
}

const KiB = 1024;
const MiB = 1024 * KiB;
const echoCases: EchoCase[] = [64, 16 * KiB, MiB].flatMap((bytes) =>
  [false, true].map((binary) => ({
    label: `${bytes >= MiB ? `${bytes / MiB} MiB` : bytes >= KiB ? `${bytes / KiB} KiB` : `${bytes} B`} ${binary ? 'binary' : 'text'}`,
    bytes,
    binary,
    window: bytes >= MiB ? 2 : bytes >= 16 * KiB ? 8 : 32,
    rate: bytes >= MiB ? 20 : bytes >= 16 * KiB ? 500 : 2000,
  })),
);

export interface EchoSettings {
  rounds: number;
  connections: number;
  throughputMs: number;
  /** the latency phase: a warm-up, then this many rounds with both servers at once */
  latencyWarmupMs: number;
  latencyRounds: number;
  latencyRoundMs: number;
  cases: EchoCase[];
}

interface Sample {
  messagesPerSecond: number;
  megabytesPerSecond: number;
  p50: number;
  p99: number;
}

export interface EchoRow {
  case: string;
  ours: Sample;
  ws: Sample;
  /** ours ÷ ws for each figure: messages/s above 1 is better, latency below 1 is better */
  ratio: Sample;
  /**
   * The control: the p99 of ours ÷ that of a second copy of ours, measured the
   * same way. Two identical servers land this far apart by chance, so a p99
   * ratio against ws means something only where it lies well outside it.
   */
  controlP99Ratio: number;
}

function startServer(name: ServerName) {
  return startScript(
    echoDir,
    servers.find((s) => s.name === name)!.script,
    {
      PORT: '0',
      HOST: '127.0.0.1',
      MAX_MESSAGE_BYTES: String(2 * MiB),
      IDLE_TIMEOUT_MS: '0',
      LOG_LEVEL: 'info',
    },
    { cpu: serverCpu },
  );
}

async function measureThroughputOf(
  name: ServerName,
  settings: EchoSettings,
  testCase: EchoCase,
): Promise<Throughput> {
  const server = startServer(name);
  try {
    const payload = Buffer.alloc(testCase.bytes, 0x61);
    return await measureThroughput(await server.ready(), payload, testCase.binary, {
      connections: settings.connections,
      window: testCase.window,
      durationMs: settings.throughputMs,
    });
  } finally {
    await server.stop();
  }
}

/**
 * The round-trip latencies of `pair`, both servers at once with their messages
 * interleaved; `onRound` is told as each measured round starts.
 */
async function measureLatencies(
  pair: readonly [ServerName, ServerName],
  settings: EchoSettings,
  testCase: EchoCase,
  onRound: (round: number) => void,
): Promise<LatencySummary[]> {
  const running = pair.map(startServer);
  try {
    const urls = await Promise.all(running.map((server) => server.ready()));
    const payload = Buffer.alloc(testCase.bytes, 0x61);
    const probes = await openLatencyProbes(urls, payload, testCase.binary);
    try {
      await probes.measure(testCase.rate, settings.latencyWarmupMs);
      const roundTrips = pair.map((): number[] => []);
      for (let round = 0; round < settings.latencyRounds; round++) {
        onRound(round);
        const measured = await probes.measure(testCase.rate, settings.latencyRoundMs);
        for (const [i, list] of roundTrips.entries()) list.push(...measured[i]!);
      }
      return roundTrips.map(summarize);
    } finally {
      await probes.close();
    }
  } finally {
    await Promise.all(running.map((server) => server.stop()));
  }
}

/**
 * Progress steps of one run: each server's throughput rounds, then the latency
 * rounds of ours against ws and of the control.
 */
function echoSteps(settings: EchoSettings): number {
  return settings.cases.length * (settings.rounds * servers.length + 2 * settings.latencyRounds);
}

async function runEchoBench(settings: EchoSettings, progress: Progress): Promise<EchoRow[]> {
  let done = 0;
  const rows: EchoRow[] = [];
  for (const testCase of settings.cases) {
    const throughput: Record<ServerName, Throughput[]> = { ours: [], ws: [] };
    for (let round = 0; round < settings.rounds; round++) {
      const order = round % 2 === 0 ? servers : [...servers].reverse();
      for (const { name } of order) {
        progress.update(
          done++,
          `${testCase.label} · ${name} · round ${round + 1}/${settings.rounds}`,
        );
        throughput[name].push(await measureThroughputOf(name, settings, testCase));
      }
    }
    const latencyOf = (pair: readonly [ServerName, ServerName], what: string) =>
      measureLatencies(pair, settings, testCase, (round) =>
        progress.update(
          done++,
          `${testCase.label} · latency, ${what} · round ${round + 1}/${settings.latencyRounds}`,
        ),
      );
    const latency = await latencyOf(['ours', 'ws'], 'ours and ws');
    const [ourLatency, copyLatency] = await latencyOf(['ours', 'ours'], 'ours and a copy');
    const sample = (name: ServerName, { p50, p99 }: LatencySummary): Sample => ({
      messagesPerSecond: median(throughput[name].map((t) => t.messagesPerSecond)),
      megabytesPerSecond: median(throughput[name].map((t) => t.megabytesPerSecond)),
      p50,
      p99,
    });
    const ours = sample('ours', latency[0]!);
    const ws = sample('ws', latency[1]!);
    rows.push({
      case: testCase.label,
      ours,
      ws,
      ratio: {
        messagesPerSecond: ours.messagesPerSecond / ws.messagesPerSecond,
        megabytesPerSecond: ours.megabytesPerSecond / ws.megabytesPerSecond,
        p50: ours.p50 / ws.p50,
        p99: ours.p99 / ws.p99,
      },
      controlP99Ratio: ourLatency!.p99 / copyLatency!.p99,
    });
  }
  return rows;
}

function echoCharts(rows: EchoRow[]) {
  const chart = (title: string, unit: string, pick: (s: Sample) => number) => ({
    title,
    unit,
    series: ['ours', 'ws'],
    groups: rows.map((row) => ({
      label: row.case,
      values: { ours: pick(row.ours), ws: pick(row.ws) },
    })),
  });
  return {
    throughput: chart('Echo throughput (pipelined)', 'msg/s', (s) => s.messagesPerSecond),
    p99: chart('Echo round-trip latency p99 at a fixed rate', 'ms', (s) => s.p99),
  };
}

const msFixed = (value: number) => `${fixed(2)(value)} ms`;

export const echoBench: Bench<EchoSettings, EchoRow> = {
  about: "05-echo's server against its ws twin: msg/s, MB/s, p50/p99, 64 B to 1 MiB",
  settings: {
    full: {
      rounds: 5,
      connections: 4,
      throughputMs: 2000,
      latencyWarmupMs: 1000,
      latencyRounds: 4,
      latencyRoundMs: 4000,
      cases: echoCases,
    },
    quick: {
      rounds: 1,
      connections: 2,
      throughputMs: 150,
      latencyWarmupMs: 50,
      latencyRounds: 2,
      latencyRoundMs: 75,
      cases: echoCases.slice(0, 2),
    },
  },
  steps: echoSteps,
  run: runEchoBench,
  table: (rows) => ({
    header: [
      'case',
      'ours msg/s',
      'ws msg/s',
      'ratio',
      'ours MB/s',
      'ws MB/s',
      'ours p50',
      'ws p50',
      'ours p99',
      'ws p99',
      'p99 ratio',
      'control',
    ],
    rows: rows.map((r) => [
      r.case,
      whole(r.ours.messagesPerSecond),
      whole(r.ws.messagesPerSecond),
      fixed(2)(r.ratio.messagesPerSecond),
      fixed(1)(r.ours.megabytesPerSecond),
      fixed(1)(r.ws.megabytesPerSecond),
      msFixed(r.ours.p50),
      msFixed(r.ws.p50),
      msFixed(r.ours.p99),
      msFixed(r.ws.p99),
      fixed(2)(r.ratio.p99),
      fixed(2)(r.controlP99Ratio),
    ]),
  }),
  charts: echoCharts,
};
