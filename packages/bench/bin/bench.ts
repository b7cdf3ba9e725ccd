import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backlogCharts, backlogWays, runBacklogBench } from '../src/backlog-bench.ts';
import { chatCharts, checkOpenFileLimit, runChatBench } from '../src/chat-bench.ts';
import {
  compressionCharts,
  compressionSetups,
  compressionSteps,
  runCompressionBench,
} from '../src/compression-bench.ts';
import { echoCases, echoCharts, echoSteps, runEchoBench } from '../src/echo-bench.ts';
import { framesCharts, runFramesBench } from '../src/frames-bench.ts';
import { loadCpu, pinThisProcess } from '../src/pin.ts';
import { startProgress } from '../src/progress.ts';
import { formatTable, saveResult } from '../src/results.ts';
import { runScaleBench, scaleCharts, scaleSetups } from '../src/scale-bench.ts';

// `pnpm bench <frames|echo|chat|backlog|scale|compression> [--quick] [--out DIR]`
// A real run writes its JSON and charts to docs/public/bench/, where the
// Performance page reads them. --quick is the smoke run CI uses: tiny budgets,
// written to a temp folder, so the published figures come only from real runs.

const [which, ...flags] = process.argv.slice(2);
const quick = flags.includes('--quick');
const outFlag = flags.indexOf('--out');
const outDir =
  outFlag >= 0
    ? flags[outFlag + 1]!
    : quick
      ? join(tmpdir(), 'sockets-bench')
      : join(import.meta.dirname, '..', '..', '..', 'docs', 'public', 'bench');

const fixed = (digits: number) => (value: number) => value.toFixed(digits);
const whole = (value: number) => Math.round(value).toLocaleString('en-US');

function frames() {
  const settings = quick ? { budgetMs: 5, rounds: 1 } : { budgetMs: 300, rounds: 5 };
  const rows = runFramesBench(settings);
  saveResult(outDir, 'frames', settings, rows, framesCharts(rows));
  console.log(
    formatTable(
      ['operation', 'size', 'unit', 'ours', 'ws', 'ours/ws'],
      rows.map((r) => [r.operation, r.size, r.unit, whole(r.ours), whole(r.ws), fixed(2)(r.ratio)]),
    ),
  );
}

async function echo() {
  const settings = quick
    ? {
        rounds: 1,
        connections: 2,
        throughputMs: 150,
        latencyWarmupMs: 50,
        latencyRounds: 2,
        latencyRoundMs: 75,
        cases: echoCases.slice(0, 2),
      }
    : {
        rounds: 5,
        connections: 4,
        throughputMs: 2000,
        latencyWarmupMs: 1000,
        latencyRounds: 4,
        latencyRoundMs: 4000,
        cases: echoCases,
      };
  const progress = startProgress('bench echo', echoSteps(settings));
  const rows = await runEchoBench(settings, progress);
  progress.finish(`${rows.length} cases`);
  saveResult(outDir, 'echo', settings, rows, echoCharts(rows));
  console.log(
    formatTable(
      [
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
      rows.map((r) => [
        r.case,
        whole(r.ours.messagesPerSecond),
        whole(r.ws.messagesPerSecond),
        fixed(2)(r.ratio.messagesPerSecond),
        fixed(1)(r.ours.megabytesPerSecond),
        fixed(1)(r.ws.megabytesPerSecond),
        `${fixed(2)(r.ours.p50)} ms`,
        `${fixed(2)(r.ws.p50)} ms`,
        `${fixed(2)(r.ours.p99)} ms`,
        `${fixed(2)(r.ws.p99)} ms`,
        fixed(2)(r.ratio.p99),
        fixed(2)(r.controlP99Ratio),
      ]),
    ),
  );
}

async function chat() {
  const settings = quick
    ? {
        clientCounts: [40],
        encodings: ['once', 'per-client'] as const,
        clientsPerWorker: 20,
        messageBytes: 100,
        rate: 20,
        durationMs: 500,
        burstMessages: 20,
        drainMs: 2000,
      }
    : {
        clientCounts: [1000, 10_000],
        encodings: ['once', 'per-client'] as const,
        clientsPerWorker: 10_000,
        messageBytes: 100,
        rate: 10,
        durationMs: 30_000,
        burstMessages: 200,
        drainMs: 5000,
      };
  checkOpenFileLimit(Math.max(...settings.clientCounts));
  const scenarios = settings.clientCounts.length * settings.encodings.length;
  const progress = startProgress('bench chat', scenarios);
  const rows = await runChatBench({ ...settings, encodings: [...settings.encodings] }, progress);
  progress.finish(`${rows.length} scenarios`);
  saveResult(outDir, 'chat', settings, rows, chatCharts(rows));
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(
    formatTable(
      [
        'clients',
        'encoding',
        'workers',
        'deliveries/s',
        'lost',
        'order',
        'p50',
        'p99',
        'max',
        'burst deliveries/s',
        'burst lost',
        'server CPU',
        'load CPU',
        'idle KiB/conn',
        'RSS idle MiB',
        'RSS load MiB',
      ],
      rows.map((r) => [
        whole(r.clients),
        r.encoding,
        r.workers,
        whole(r.steady.deliveriesPerSecond),
        r.steady.lost,
        r.steady.outOfOrder,
        ms(r.steady.p50),
        ms(r.steady.p99),
        ms(r.steady.max),
        whole(r.burst.deliveriesPerSecond),
        r.burst.lost,
        `${fixed(0)(r.cpu.serverPercent)}%`,
        `${fixed(0)(r.cpu.loadPercent)}%`,
        fixed(1)(r.memory.bytesPerConnection / 1024),
        fixed(0)(r.memory.idleMiB),
        fixed(0)(r.memory.loadMiB),
      ]),
    ),
  );
}

async function backlog() {
  const settings = quick
    ? { clients: 20, queueLengths: [4], rounds: 1 }
    : { clients: 1000, queueLengths: [4, 32, 128], rounds: 7 };
  const progress = startProgress(
    'bench backlog',
    settings.queueLengths.length * backlogWays.length,
  );
  const rows = await runBacklogBench(settings, progress);
  progress.finish(`${rows.length} cases`);
  saveResult(outDir, 'backlog', settings, rows, backlogCharts(rows));
  console.log(
    formatTable(
      ['queued', 'way', 'server CPU per message', 'frames per client'],
      rows.map((r) => [
        r.queued,
        r.way,
        `${fixed(2)(r.cpuMicrosPerMessage)} µs`,
        r.framesPerClient,
      ]),
    ),
  );
}

async function scale() {
  const settings = quick
    ? {
        clientCounts: [40],
        setups: [...scaleSetups],
        clientsPerWorker: 20,
        messageBytes: 100,
        rate: 20,
        durationMs: 500,
        burstMessages: 20,
        drainMs: 2000,
      }
    : {
        clientCounts: [2000, 10_000],
        setups: [...scaleSetups],
        clientsPerWorker: 10_000,
        messageBytes: 100,
        rate: 10,
        durationMs: 30_000,
        burstMessages: 200,
        drainMs: 5000,
      };
  checkOpenFileLimit(Math.max(...settings.clientCounts));
  const progress = startProgress(
    'bench scale',
    settings.clientCounts.length * settings.setups.length,
  );
  const rows = await runScaleBench(settings, progress);
  progress.finish(`${rows.length} scenarios`);
  saveResult(outDir, 'scale', settings, rows, scaleCharts(rows));
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(
    formatTable(
      ['clients', 'setup', 'deliveries/s', 'lost', 'order', 'p50', 'p99', 'burst deliveries/s'],
      rows.map((r) => [
        whole(r.clients),
        r.setup,
        whole(r.steady.deliveriesPerSecond),
        r.steady.lost + r.burst.lost,
        r.steady.outOfOrder + r.burst.outOfOrder,
        ms(r.steady.p50),
        ms(r.steady.p99),
        whole(r.burst.deliveriesPerSecond),
      ]),
    ),
  );
}

async function compression() {
  const settings = quick
    ? { messages: 20, connections: 3, setups: compressionSetups.slice(0, 2) }
    : { messages: 5000, connections: 200, setups: compressionSetups };
  const progress = startProgress('bench compression', compressionSteps(settings));
  const rows = await runCompressionBench(settings, progress);
  progress.finish(`${rows.length} cases`);
  saveResult(outDir, 'compression', settings, rows, compressionCharts(rows));
  console.log(
    formatTable(
      ['payload', 'setting', 'server', 'message B', 'wire B/msg', 'msg/s', 'KiB/conn'],
      rows.map((r) => [
        r.payload,
        r.setup,
        r.server,
        whole(r.messageBytes),
        whole(r.wireBytesPerMessage),
        whole(r.messagesPerSecond),
        fixed(1)(r.kibPerConnection),
      ]),
    ),
  );
}

const benches: Record<string, () => void | Promise<void>> = {
  compression,
  frames,
  echo,
  chat,
  backlog,
  scale,
};
const run = which === undefined ? undefined : benches[which];
if (run === undefined) {
  console.error(`usage: pnpm bench <${Object.keys(benches).join('|')}> [--quick] [--out DIR]`);
  process.exit(1);
}
if (!pinThisProcess(loadCpu))
  console.error('taskset not found: running unpinned (expect noisier figures)');
try {
  await run();
} catch (error) {
  // A bench that cannot run says why in one line (the stack helps nobody here).
  console.error(`bench ${which}: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
console.log(`results written to ${outDir}`);
