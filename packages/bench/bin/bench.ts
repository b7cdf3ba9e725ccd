import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { backlogBench } from '../src/backlog-bench.ts';
import { type Bench, runBench } from '../src/bench.ts';
import { chatBench } from '../src/chat-bench.ts';
import { compressionBench } from '../src/compression-bench.ts';
import { echoBench } from '../src/echo-bench.ts';
import { framesBench } from '../src/frames-bench.ts';
import { loadGeneratorCpu, pinThisProcess } from '../src/pin.ts';
import { scaleBench } from '../src/scale-bench.ts';

// `pnpm bench <name> [--quick] [--out DIR] [--cpu-prof]`
// Each bench (src/<name>-bench.ts) holds its own settings, table and charts;
// this script only reads the command line and runs the one named.
// A real run writes its JSON and charts to docs/public/bench/, where the
// Performance page reads them. --quick is the smoke run CI uses: tiny budgets,
// written to a temp folder, so the published figures come only from real runs.
// --cpu-prof (bench chat) profiles our hub and writes a summary next to the results.

// biome-ignore lint/suspicious/noExplicitAny: each bench has its own settings and rows
const benches: Record<string, Bench<any, any>> = {
  frames: framesBench,
  echo: echoBench,
  chat: chatBench,
  backlog: backlogBench,
  scale: scaleBench,
  compression: compressionBench,
};

function usage(problem: string): never {
  console.error(`${problem}\nusage: pnpm bench <name> [--quick] [--out DIR] [--cpu-prof]`);
  for (const [name, bench] of Object.entries(benches))
    console.error(`  ${name.padEnd(12)} ${bench.about}`);
  process.exit(1);
}

function readCommandLine() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        quick: { type: 'boolean', default: false },
        out: { type: 'string' },
        'cpu-prof': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
}

const { positionals, values } = readCommandLine();
const [name] = positionals;
const bench = name === undefined ? undefined : benches[name];
if (bench === undefined) usage(name === undefined ? 'which bench?' : `no bench called ${name}`);
const { quick, 'cpu-prof': cpuProfile } = values;
if (cpuProfile && name !== 'chat') usage('--cpu-prof is for bench chat');
const outDir =
  values.out ??
  (quick
    ? join(tmpdir(), 'sockets-bench')
    : join(import.meta.dirname, '..', '..', '..', 'docs', 'public', 'bench'));

if (!pinThisProcess(loadGeneratorCpu)) {
  console.error('taskset not found: running unpinned (expect noisier figures)');
}
try {
  await runBench(name!, bench, { quick, outDir, cpuProfile });
} catch (error) {
  // A bench that cannot run says why in one line (the stack helps nobody here).
  console.error(`bench ${name}: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
console.log(`results written to ${outDir}`);
