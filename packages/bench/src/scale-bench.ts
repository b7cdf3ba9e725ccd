import { startRedisServer } from '@sockets/scale';
import { type RunningScript, startScript } from '@sockets/testkit/script';
import type WebSocket from 'ws';
import { type Bench, ms, whole } from './bench.ts';
import { packageDir } from './chat-hubs.ts';
import {
  type BurstSettings,
  checkOpenFileLimit,
  connectClients,
  type LoadGenerator,
  measureBurst,
  measureSteady,
  openSender,
  type PhaseResult,
  type SteadySettings,
} from './chat-load.ts';
import type { Progress } from './progress.ts';

// `pnpm bench scale`: lesson 09's chat on Redis, with one server process and
// with two sharing one Redis, against lesson 07's hub alone (no Redis), at
// the same client counts. bench chat's load generators (chat-worker.ts) do the
// counting: every client must get every message of one sender, in order.
// The servers and Redis are not pinned: on a 2-core machine two server
// processes, Redis and the load generators all share two cores, so "2
// processes" shows what a second process costs here, not what it would gain
// on a machine with a core for each.

const chatDir = packageDir('@sockets/chat');
const scaleDir = packageDir('@sockets/scale');

/** 'no Redis' is lesson 07's server; the others are lesson 09's on one Redis. */
const scaleSetups = ['no Redis', '1 process', '2 processes'] as const;
type ScaleSetup = (typeof scaleSetups)[number];

export interface ScaleSettings extends SteadySettings, BurstSettings {
  clientCounts: number[];
  setups: ScaleSetup[];
  clientsPerWorker: number;
}

export interface ScaleRow {
  clients: number;
  setup: ScaleSetup;
  steady: PhaseResult;
  burst: PhaseResult;
}

function startServer(redisUrl: string | undefined): RunningScript {
  const env = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
  return redisUrl === undefined
    ? startScript(chatDir, 'bin/server.ts', env)
    : startScript(scaleDir, 'bin/server.ts', { ...env, REDIS_URL: redisUrl });
}

async function runScenario(
  clients: number,
  setup: ScaleSetup,
  settings: ScaleSettings,
  progress: Progress,
  step: number,
): Promise<ScaleRow> {
  const redis = setup === 'no Redis' ? undefined : await startRedisServer();
  const servers: RunningScript[] = [];
  let generators: LoadGenerator[] = [];
  let sender: WebSocket | undefined;
  try {
    const processes = setup === '2 processes' ? 2 : 1;
    for (let i = 0; i < processes; i++) servers.push(startServer(redis?.url));
    const urls = await Promise.all(
      servers.map(async (server) => `ws://${new URL(await server.ready()).host}/ws`),
    );
    progress.update(step, `${clients} clients, ${setup}: connecting`);
    generators = await connectClients(urls, clients, settings.clientsPerWorker);
    sender = await openSender(urls[0]!);
    const steady = await measureSteady(generators, sender, clients, settings, (sent, total) =>
      progress.update(step, `${clients} clients, ${setup}: steady ${sent}/${total}`),
    );
    progress.update(step, `${clients} clients, ${setup}: burst of ${settings.burstMessages}`);
    const burst = await measureBurst(generators, sender, clients, settings);
    return { clients, setup, steady, burst };
  } finally {
    sender?.terminate();
    await Promise.all(generators.map((generator) => generator.close()));
    await Promise.all(servers.map((server) => server.stop()));
    await redis?.stop();
  }
}

async function runScaleBench(settings: ScaleSettings, progress: Progress): Promise<ScaleRow[]> {
  checkOpenFileLimit(Math.max(...settings.clientCounts));
  const rows: ScaleRow[] = [];
  for (const clients of settings.clientCounts) {
    for (const setup of settings.setups) {
      rows.push(await runScenario(clients, setup, settings, progress, rows.length));
    }
  }
  return rows;
}

function scaleCharts(rows: ScaleRow[]) {
  const chart = (title: string, unit: string, pick: (row: ScaleRow) => number) => ({
    title,
    unit,
    series: [...scaleSetups],
    groups: [...new Set(rows.map((row) => row.clients))].map((clients) => ({
      label: `${clients.toLocaleString('en-US')} clients`,
      values: Object.fromEntries(
        rows.filter((r) => r.clients === clients).map((r) => [r.setup, pick(r)]),
      ),
    })),
  });
  return {
    latency: chart('Chat delivery latency p99 with and without Redis', 'ms', (r) => r.steady.p99),
    burst: chart(
      'Chat deliveries in a burst, with and without Redis',
      'deliveries/s',
      (r) => r.burst.deliveriesPerSecond,
    ),
  };
}

const common = { clientsPerWorker: 10_000, messageBytes: 100, setups: [...scaleSetups] };

export const scaleBench: Bench<ScaleSettings, ScaleRow> = {
  about: '09-scale on Redis, 1 and 2 processes, against 07 alone: 2,000 and 10,000 clients',
  settings: {
    full: {
      ...common,
      clientCounts: [2000, 10_000],
      rate: 10,
      durationMs: 30_000,
      burstMessages: 200,
      drainMs: 5000,
    },
    quick: {
      ...common,
      clientCounts: [40],
      clientsPerWorker: 20,
      rate: 20,
      durationMs: 500,
      burstMessages: 20,
      drainMs: 2000,
    },
  },
  steps: (settings) => settings.clientCounts.length * settings.setups.length,
  run: runScaleBench,
  table: (rows) => ({
    header: [
      'clients',
      'setup',
      'deliveries/s',
      'lost',
      'order',
      'p50',
      'p99',
      'burst deliveries/s',
    ],
    rows: rows.map((r) => [
      whole(r.clients),
      r.setup,
      whole(r.steady.deliveriesPerSecond),
      r.steady.lost + r.burst.lost,
      r.steady.outOfOrder + r.burst.outOfOrder,
      ms(r.steady.p50),
      ms(r.steady.p99),
      whole(r.burst.deliveriesPerSecond),
    ]),
  }),
  charts: scaleCharts,
};
