import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { startScript } from '@sockets/testkit/script';
import { measureLatency, measureThroughput } from './load.ts';
import { serverCpu } from './pin.ts';
import type { Progress } from './progress.ts';
import { median, summarize } from './stats.ts';

// `pnpm bench echo`: lesson 05's `server` (our hand-written protocol) against
// its `server:ws` twin. Each server runs in its own process pinned to CPU 0;
// this process, the load generator, runs on CPU 1. The two servers take turns
// within every round (ours first in odd rounds, ws first in even ones), so a
// slow minute of the machine hurts both alike, and the report gives the median
// of the rounds and the ratio ours/ws.

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
export const echoCases: EchoCase[] = [64, 16 * KiB, MiB].flatMap((bytes) =>
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
  latencyMs: number;
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
}

async function measureServer(
  name: ServerName,
  settings: EchoSettings,
  testCase: EchoCase,
): Promise<Sample> {
  const server = startScript(
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
  try {
    const url = await server.ready();
    const payload = Buffer.alloc(testCase.bytes, 0x61);
    const throughput = await measureThroughput(url, payload, testCase.binary, {
      connections: settings.connections,
      window: testCase.window,
      durationMs: settings.throughputMs,
    });
    const latency = summarize(
      await measureLatency(url, payload, testCase.binary, {
        rate: testCase.rate,
        durationMs: settings.latencyMs,
      }),
    );
    return { ...throughput, p50: latency.p50, p99: latency.p99 };
  } finally {
    await server.stop();
  }
}

function medianSample(samples: Sample[]): Sample {
  const of = (key: keyof Sample) => median(samples.map((s) => s[key]));
  return {
    messagesPerSecond: of('messagesPerSecond'),
    megabytesPerSecond: of('megabytesPerSecond'),
    p50: of('p50'),
    p99: of('p99'),
  };
}

export async function runEchoBench(settings: EchoSettings, progress: Progress): Promise<EchoRow[]> {
  let done = 0;
  const rows: EchoRow[] = [];
  for (const testCase of settings.cases) {
    const samples: Record<ServerName, Sample[]> = { ours: [], ws: [] };
    for (let round = 0; round < settings.rounds; round++) {
      const order = round % 2 === 0 ? servers : [...servers].reverse();
      for (const { name } of order) {
        progress.update(
          done,
          `${testCase.label} · ${name} · round ${round + 1}/${settings.rounds}`,
        );
        samples[name].push(await measureServer(name, settings, testCase));
        done += 1;
      }
    }
    const ours = medianSample(samples.ours);
    const ws = medianSample(samples.ws);
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
    });
  }
  return rows;
}

export function echoCharts(rows: EchoRow[]) {
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
