import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { startRedisServer } from '@sockets/scale';
import { type RunningScript, startScript } from '@sockets/testkit/script';
import WebSocket from 'ws';
import {
  collect,
  expect,
  type PhaseResult,
  sendBurst,
  sendSteadily,
  summarise,
  Worker,
} from './chat-bench.ts';
import { epochNow } from './chat-protocol.ts';
import type { Progress } from './progress.ts';

// `pnpm bench scale`: lesson 09's chat on Redis, with one server process and
// with two sharing one Redis, against lesson 07's hub alone (no Redis), at
// the same client counts. bench chat's load generators (chat-worker.ts) do the
// counting: every client must get every message of one sender, in order.
// The servers and Redis are not pinned: on a 2-core machine two server
// processes, Redis and the load generators all share two cores, so "2
// processes" shows what a second process costs here, not what it would gain
// on a machine with a core for each.

const chatDir = dirname(dirname(createRequire(import.meta.url).resolve('@sockets/chat')));
const scaleDir = dirname(dirname(createRequire(import.meta.url).resolve('@sockets/scale')));

/** 'no Redis' is lesson 07's server; the others are lesson 09's on one Redis. */
export const scaleSetups = ['no Redis', '1 process', '2 processes'] as const;
export type ScaleSetup = (typeof scaleSetups)[number];

export interface ScaleSettings {
  clientCounts: number[];
  setups: ScaleSetup[];
  clientsPerWorker: number;
  messageBytes: number;
  rate: number;
  durationMs: number;
  burstMessages: number;
  drainMs: number;
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
  const workers: Worker[] = [];
  let sender: WebSocket | undefined;
  try {
    const processes = setup === '2 processes' ? 2 : 1;
    for (let i = 0; i < processes; i++) servers.push(startServer(redis?.url));
    const urls = await Promise.all(
      servers.map(async (server) => `ws://${new URL(await server.ready()).host}/ws`),
    );
    // At least one load generator per server process, each on one server.
    const workerCount = Math.max(processes, Math.ceil(clients / settings.clientsPerWorker));
    for (let i = 0; i < workerCount; i++) workers.push(new Worker());
    progress.update(step, `${clients} clients, ${setup}: connecting`);
    const base = Math.floor(clients / workerCount);
    workers.forEach((worker, i) => {
      const share = base + (i < clients % workerCount ? 1 : 0);
      worker.tell({ type: 'connect', url: urls[i % urls.length]!, clients: share });
    });
    await Promise.all(workers.map((worker) => worker.next('connected')));
    sender = new WebSocket(`${urls[0]}?name=bench-sender`, { perMessageDeflate: false });
    await once(sender, 'open');

    const steadyCount = Math.round((settings.rate * settings.durationMs) / 1000);
    await expect(workers, steadyCount);
    const steadyStart = epochNow();
    const steadyReports = collect(workers, Date.now() + settings.durationMs + settings.drainMs);
    await sendSteadily(sender, settings, (sent) =>
      progress.update(step, `${clients} clients, ${setup}: steady ${sent}/${steadyCount}`),
    );
    const steady = summarise(await steadyReports, steadyCount * clients, steadyStart);

    progress.update(step, `${clients} clients, ${setup}: burst of ${settings.burstMessages}`);
    await expect(workers, settings.burstMessages);
    const burstStart = epochNow();
    const burstReports = collect(workers, Date.now() + 60_000);
    await sendBurst(sender, settings);
    const burst = summarise(await burstReports, settings.burstMessages * clients, burstStart);
    return { clients, setup, steady, burst };
  } finally {
    sender?.terminate();
    for (const worker of workers) worker.tell({ type: 'close' });
    await Promise.all(workers.map((worker) => once(worker.child, 'exit')));
    await Promise.all(servers.map((server) => server.stop()));
    await redis?.stop();
  }
}

export async function runScaleBench(
  settings: ScaleSettings,
  progress: Progress,
): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  for (const clients of settings.clientCounts) {
    for (const setup of settings.setups) {
      rows.push(await runScenario(clients, setup, settings, progress, rows.length));
    }
  }
  return rows;
}

export function scaleCharts(rows: ScaleRow[]) {
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
