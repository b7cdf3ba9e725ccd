import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { on, once } from 'node:events';
import WebSocket from 'ws';
import {
  benchText,
  epochNow,
  type FromWorker,
  type ToWorker,
  type WorkerReport,
} from './chat-protocol.ts';
import { LatencyHistogram } from './histogram.ts';

// The load side of `pnpm bench chat` and `pnpm bench scale`: the processes
// that hold the chat clients and count what reaches them, the sender, and
// the two phases they measure:
//   steady  one sender at a fixed rate: deliveries/s, loss, order, latency
//   burst   the sender writes as fast as its socket lets it: the hub's capacity
//
// The load generators are chat-worker.ts processes, which this one talks to
// over IPC (chat-protocol.ts). A Go load generator with gorilla clients, one
// goroutine per connection, was tried for issue 18 and read more slowly: at
// 5,000 clients it used 2-3 times the CPU per delivery (see the README).

const workerFile = new URL('./chat-worker.ts', import.meta.url);

/** The sender stops writing while more than this waits in its socket, as a well-behaved client would. */
const SENDER_BUFFER_LIMIT = 64 * 1024;
/** How long a burst may take before what has not arrived counts as lost. */
const BURST_DEADLINE_MS = 60_000;
/** File descriptors a process needs besides one per client. */
const SPARE_FILES = 200;
const SUGGESTED_FILE_LIMIT = 20_000;

/** One load-generator process, chat-worker.ts, and its conversation with this one. */
export class LoadGenerator {
  readonly child: ChildProcess;
  private readonly inbox: AsyncIterator<[FromWorker]>;
  private closing = false;

  /** It runs on this process's CPU: a fork inherits it. */
  constructor() {
    this.child = fork(workerFile, { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    // `on` queues messages that come before anyone waits for them.
    this.inbox = on(this.child, 'message') as AsyncIterator<[FromWorker]>;
    this.child.once('exit', (code) => {
      if (!this.closing) this.child.emit('error', new Error(`a load generator exited (${code})`));
    });
  }

  tell(message: ToWorker): void {
    this.child.send(message);
  }

  async next(type: FromWorker['type']): Promise<FromWorker> {
    for (;;) {
      const { value } = await this.inbox.next();
      const [message] = value as [FromWorker];
      if (message.type === type) return message;
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.tell({ type: 'close' });
    await exited;
  }
}

/**
 * The server needs a file descriptor per client, and a load generator one per
 * client it opens; Node has no getrlimit, but a shell it starts inherits the
 * limit. Failing here, with the fix, beats EMFILE halfway through the run.
 */
export function checkOpenFileLimit(clients: number): void {
  const limit = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
  const needed = clients + SPARE_FILES;
  if (limit !== 'unlimited' && Number(limit) < needed) {
    throw new Error(
      `${clients.toLocaleString('en-US')} clients need about ${needed} open files per process, ` +
        `but ulimit -n is ${limit}. Raise it in this shell first: ulimit -n ${Math.max(needed, SUGGESTED_FILE_LIMIT)}`,
    );
  }
}

/**
 * Opens `clients` chat clients, shared evenly over load generators of at most
 * `perGenerator` clients each, and at least one for each server in `urls`
 * (lesson 09 runs several), which take turns.
 */
export async function connectClients(
  urls: string[],
  clients: number,
  perGenerator: number,
): Promise<LoadGenerator[]> {
  const count = Math.max(urls.length, Math.ceil(clients / perGenerator));
  const generators = Array.from({ length: count }, () => new LoadGenerator());
  const base = Math.floor(clients / count);
  generators.forEach((generator, i) => {
    const share = base + (i < clients % count ? 1 : 0);
    generator.tell({ type: 'connect', url: urls[i % urls.length]!, clients: share });
  });
  await Promise.all(generators.map((generator) => generator.next('connected')));
  return generators;
}

/** The client that sends; it receives its own messages too, but is not counted. */
export async function openSender(url: string): Promise<WebSocket> {
  const sender = new WebSocket(`${url}?name=bench-sender`, { perMessageDeflate: false });
  await once(sender, 'open');
  return sender;
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

export interface SteadySettings {
  /** messages a second */
  rate: number;
  durationMs: number;
  messageBytes: number;
  /** how long to wait for stragglers after the last message before counting the rest as lost */
  drainMs: number;
}

export interface BurstSettings {
  burstMessages: number;
  messageBytes: number;
}

/** Tells every load generator how many messages to count, and waits until all are counting. */
async function expect(generators: LoadGenerator[], messages: number): Promise<void> {
  const ready = generators.map((generator) => generator.next('expecting'));
  for (const generator of generators) generator.tell({ type: 'expect', messages });
  await Promise.all(ready);
}

/** Waits for every load generator to report all expected messages, or for the deadline. */
async function collect(generators: LoadGenerator[], deadline: number): Promise<WorkerReport[]> {
  const reports = generators.map((generator) => generator.next('report') as Promise<WorkerReport>);
  const timer = setTimeout(
    () => {
      for (const generator of generators) generator.tell({ type: 'report' });
    },
    Math.max(0, deadline - Date.now()),
  );
  const result = await Promise.all(reports);
  clearTimeout(timer);
  return result;
}

function summarise(reports: WorkerReport[], expected: number, startedAt: number): PhaseResult {
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

const steadyMessages = (settings: SteadySettings) =>
  Math.round((settings.rate * settings.durationMs) / 1000);

/** The steady phase; `onSent` hears how many messages have gone so far. */
export async function measureSteady(
  generators: LoadGenerator[],
  sender: WebSocket,
  clients: number,
  settings: SteadySettings,
  onSent: (sent: number, total: number) => void,
): Promise<PhaseResult> {
  const total = steadyMessages(settings);
  await expect(generators, total);
  const startedAt = epochNow();
  const reports = collect(generators, Date.now() + settings.durationMs + settings.drainMs);
  const started = performance.now();
  for (let seq = 0; seq < total; seq++) {
    const wait = started + (seq * 1000) / settings.rate - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sender.send(benchText(seq, settings.messageBytes));
    onSent(seq + 1, total);
  }
  return summarise(await reports, total * clients, startedAt);
}

/** The burst phase. */
export async function measureBurst(
  generators: LoadGenerator[],
  sender: WebSocket,
  clients: number,
  settings: BurstSettings,
): Promise<PhaseResult> {
  await expect(generators, settings.burstMessages);
  const startedAt = epochNow();
  const reports = collect(generators, Date.now() + BURST_DEADLINE_MS);
  for (let seq = 0; seq < settings.burstMessages; seq++) {
    sender.send(benchText(seq, settings.messageBytes));
    while (sender.bufferedAmount > SENDER_BUFFER_LIMIT) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return summarise(await reports, settings.burstMessages * clients, startedAt);
}
