import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { startScript } from '@sockets/testkit/script';
import WebSocket from 'ws';
import {
  benchText,
  epochNow,
  type FromWorker,
  type ToWorker,
  type WorkerReport,
} from './chat-protocol.ts';
import { LatencyHistogram } from './histogram.ts';
import { serverCpu } from './pin.ts';
import type { Progress } from './progress.ts';

// `pnpm bench chat`: lesson 07's hub with thousands of connected clients. The
// server runs in its own process pinned to CPU 0; the clients run in worker
// processes (chat-worker.ts) that share CPU 1 with this process, the sender.
// How many clients each worker takes is a setting: on one shared core, one
// worker with 10,000 light clients beat four with 2,500 (less switching
// between processes), so that is the default.
//
// Two phases per scenario:
//   steady  one sender at a fixed rate: deliveries/s, loss, order, latency
//   burst   the sender writes as fast as ws lets it: the hub's capacity

const chatDir = dirname(dirname(createRequire(import.meta.url).resolve('@sockets/chat')));
const workerFile = join(import.meta.dirname, 'chat-worker.ts');

export type Encoding = 'once' | 'per-client';

export interface ChatSettings {
  clientCounts: number[];
  encodings: Encoding[];
  clientsPerWorker: number;
  messageBytes: number;
  rate: number;
  durationMs: number;
  burstMessages: number;
  /** how long to wait for stragglers after the last message before counting the rest as lost */
  drainMs: number;
}

export interface ChatRow {
  clients: number;
  encoding: Encoding;
  workers: number;
  steady: PhaseResult;
  burst: PhaseResult;
  memory: { baselineMiB: number; idleMiB: number; loadMiB: number; bytesPerConnection: number };
  /** share of one core used during the steady phase: the server, and all the load generators */
  cpu: { serverPercent: number; loadPercent: number };
}

export interface PhaseResult {
  expected: number;
  received: number;
  lost: number;
  outOfOrder: number;
  deliveriesPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  closedByServer: number;
}

/** CPU time (user + system) a process has used so far, in seconds, from /proc. */
function cpuSeconds(pid: number): number {
  // /proc/<pid>/stat: fields 14 and 15 are utime and stime in clock ticks (100 a second);
  // the command name in field 2 may hold spaces, so count from the ')' that closes it.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return line ? Number(line[1]) * 1024 : Number.NaN;
}

/** A load-generator process (chat-worker.ts) and its IPC. */
export class Worker {
  readonly child: ChildProcess;
  constructor() {
    this.child = fork(workerFile, { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  }
  tell(message: ToWorker): void {
    this.child.send(message);
  }
  async next(type: FromWorker['type']): Promise<FromWorker> {
    for (;;) {
      const [message] = (await once(this.child, 'message')) as [FromWorker];
      if (message.type === type) return message;
    }
  }
}

/** Tells every worker how many messages to count, and waits until all are counting. */
export async function expect(workers: Worker[], messages: number): Promise<void> {
  const ready = workers.map((worker) => worker.next('expecting'));
  for (const worker of workers) worker.tell({ type: 'expect', messages });
  await Promise.all(ready);
}

/** Waits for every worker to report all expected messages, or for the deadline. */
export async function collect(workers: Worker[], deadline: number): Promise<WorkerReport[]> {
  const reports = workers.map((worker) => worker.next('report') as Promise<WorkerReport>);
  const timer = setTimeout(
    () => {
      for (const worker of workers) worker.tell({ type: 'report' });
    },
    Math.max(0, deadline - Date.now()),
  );
  const result = await Promise.all(reports);
  clearTimeout(timer);
  return result;
}

export function summarise(
  reports: WorkerReport[],
  expected: number,
  startedAt: number,
): PhaseResult {
  const histogram = new LatencyHistogram();
  for (const report of reports) histogram.add(report.latency);
  const received = reports.reduce((sum, r) => sum + r.received, 0);
  const lastArrival = Math.max(...reports.map((r) => r.lastArrivalAt));
  return {
    expected,
    received,
    lost: expected - received,
    outOfOrder: reports.reduce((sum, r) => sum + r.outOfOrder, 0),
    deliveriesPerSecond: received / ((lastArrival - startedAt) / 1000),
    p50: histogram.percentile(50),
    p99: histogram.percentile(99),
    max: histogram.percentile(100),
    closedByServer: reports.reduce((sum, r) => sum + r.closedByServer, 0),
  };
}

export async function sendSteadily(
  sender: WebSocket,
  settings: Pick<ChatSettings, 'rate' | 'durationMs' | 'messageBytes'>,
  onTick: (sent: number) => void,
) {
  const total = Math.round((settings.rate * settings.durationMs) / 1000);
  const started = performance.now();
  for (let seq = 0; seq < total; seq++) {
    const due = started + (seq * 1000) / settings.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sender.send(benchText(seq, settings.messageBytes));
    onTick(seq + 1);
  }
  return total;
}

export async function sendBurst(
  sender: WebSocket,
  settings: Pick<ChatSettings, 'burstMessages' | 'messageBytes'>,
) {
  for (let seq = 0; seq < settings.burstMessages; seq++) {
    sender.send(benchText(seq, settings.messageBytes));
    // Respect the sender's own backpressure, as a well-behaved client would.
    while (sender.bufferedAmount > 64 * 1024) await new Promise((resolve) => setImmediate(resolve));
  }
}

async function runScenario(
  clients: number,
  encoding: Encoding,
  settings: ChatSettings,
  progress: Progress,
  step: number,
) {
  const server = startScript(
    chatDir,
    'bin/server.ts',
    {
      PORT: '0',
      HOST: '127.0.0.1',
      BROADCAST_ENCODING: encoding,
      MAX_MESSAGE_BYTES: '512',
      LOG_LEVEL: 'info',
    },
    { cpu: serverCpu },
  );
  const workers: Worker[] = [];
  let sender: WebSocket | undefined;
  try {
    const page = new URL(await server.ready());
    const url = `ws://${page.host}/ws`;
    const pid = server.child.pid!;
    const baseline = rssBytes(pid);
    const workerCount = Math.ceil(clients / settings.clientsPerWorker);
    for (let i = 0; i < workerCount; i++) workers.push(new Worker());
    progress.update(
      step,
      `${clients} clients (${encoding}): connecting over ${workerCount} workers`,
    );
    const share = (i: number) =>
      Math.min(settings.clientsPerWorker, clients - i * settings.clientsPerWorker);
    workers.forEach((worker, i) => {
      worker.tell({ type: 'connect', url, clients: share(i) });
    });
    await Promise.all(workers.map((worker) => worker.next('connected')));
    const idle = rssBytes(pid);
    sender = new WebSocket(`${url}?name=bench-sender`, { perMessageDeflate: false });
    await once(sender, 'open');
    // The sender is a client too and receives its own messages; only the
    // workers' clients are counted.
    let loadPeak = idle;
    const sampler = setInterval(() => {
      loadPeak = Math.max(loadPeak, rssBytes(pid));
    }, 250);

    const steadyCount = Math.round((settings.rate * settings.durationMs) / 1000);
    await expect(workers, steadyCount);
    const steadyStart = epochNow();
    const loadPids = [process.pid, ...workers.map((worker) => worker.child.pid!)];
    const loadCpu = () => loadPids.reduce((sum, p) => sum + cpuSeconds(p), 0);
    const cpuBefore = { server: cpuSeconds(pid), load: loadCpu() };
    const steadyReports = collect(workers, Date.now() + settings.durationMs + settings.drainMs);
    await sendSteadily(sender, settings, (sent) =>
      progress.update(step, `${clients} clients (${encoding}): steady ${sent}/${steadyCount}`),
    );
    const steady = summarise(await steadyReports, steadyCount * clients, steadyStart);
    const steadySeconds = (epochNow() - steadyStart) / 1000;
    const cpu = {
      serverPercent: ((cpuSeconds(pid) - cpuBefore.server) / steadySeconds) * 100,
      loadPercent: ((loadCpu() - cpuBefore.load) / steadySeconds) * 100,
    };

    progress.update(step, `${clients} clients (${encoding}): burst of ${settings.burstMessages}`);
    await expect(workers, settings.burstMessages);
    const burstStart = epochNow();
    const burstReports = collect(workers, Date.now() + 60_000);
    await sendBurst(sender, settings);
    const burst = summarise(await burstReports, settings.burstMessages * clients, burstStart);
    clearInterval(sampler);

    const MiB = 1024 * 1024;
    return {
      clients,
      encoding,
      workers: workerCount,
      steady,
      burst,
      cpu,
      memory: {
        baselineMiB: baseline / MiB,
        idleMiB: idle / MiB,
        loadMiB: loadPeak / MiB,
        bytesPerConnection: (idle - baseline) / clients,
      },
    };
  } finally {
    sender?.terminate();
    for (const worker of workers) worker.tell({ type: 'close' });
    await Promise.all(workers.map((worker) => once(worker.child, 'exit')));
    await server.stop();
  }
}

/**
 * The server needs a file descriptor per client, and a worker one per client
 * it opens; Node has no getrlimit, but a shell it starts inherits the limit.
 * Failing here, with the fix, beats EMFILE halfway through the run.
 */
export function checkOpenFileLimit(clients: number): void {
  const limit = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
  const needed = clients + 200; // the clients, plus Node's own descriptors
  if (limit !== 'unlimited' && Number(limit) < needed) {
    throw new Error(
      `${clients.toLocaleString('en-US')} clients need about ${needed} open files per process, ` +
        `but ulimit -n is ${limit}. Raise it in this shell first: ulimit -n ${Math.max(needed, 20_000)}`,
    );
  }
}

export async function runChatBench(settings: ChatSettings, progress: Progress): Promise<ChatRow[]> {
  const rows: ChatRow[] = [];
  for (const clients of settings.clientCounts) {
    for (const encoding of settings.encodings) {
      rows.push(await runScenario(clients, encoding, settings, progress, rows.length));
    }
  }
  return rows;
}

export function chatCharts(rows: ChatRow[]) {
  const chart = (title: string, unit: string, pick: (row: ChatRow) => number) => ({
    title,
    unit,
    series: ['once', 'per-client'],
    groups: [...new Set(rows.map((row) => row.clients))].map((clients) => ({
      label: `${clients.toLocaleString('en-US')} clients`,
      values: Object.fromEntries(
        rows.filter((r) => r.clients === clients).map((r) => [r.encoding, pick(r)]),
      ),
    })),
  });
  return {
    latency: chart('Chat delivery latency p99, steady rate', 'ms', (r) => r.steady.p99),
    burst: chart(
      'Chat hub capacity in a burst',
      'deliveries/s',
      (r) => r.burst.deliveriesPerSecond,
    ),
  };
}
