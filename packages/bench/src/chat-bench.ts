import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type WebSocket from 'ws';
import { type Bench, fixed, ms, whole } from './bench.ts';
import { type ChatHub, chatHubs, isGoHub, type RunningHub, startHub } from './chat-hubs.ts';
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
import { epochNow } from './chat-protocol.ts';
import { profileMarkdown, readProfile, summariseProfile } from './cpu-profile.ts';
import { buildGoProgram, hasGo, INSTALL_GO } from './go-programs.ts';
import { cpuSeconds, MiB, rssBytes } from './proc-stat.ts';
import type { Progress } from './progress.ts';

// `pnpm bench chat`: chat hubs with thousands of connected clients, lesson
// 07's against a Go hub written the seed's way and gorilla's way (issue 18).
// Each scenario starts one hub (chat-hubs.ts) pinned to CPU 0, connects its
// clients from load generators on CPU 1 (chat-load.ts), and measures one
// phase:
//   steady  one sender at a fixed rate, at 1,000 and 10,000 clients
//   burst   the sender as fast as it can, at 5,000 clients (issue 18's figure),
//           a few rounds with the hubs taking turns; each hub's row is its
//           median round
// The clients are chat-worker.ts's, whichever the hub. Without Go, the Go
// hubs are skipped with a line saying what to install.

export interface ChatSettings extends SteadySettings, BurstSettings {
  /** client counts of the steady phase */
  steadyClients: number[];
  /** the one count at which `ours per-client` (the naive way) is measured */
  perClientAt: number;
  burstClients: number;
  /**
   * How many times each hub's burst runs, the hubs taking turns. A burst lasts
   * about a second, and on a virtual machine one second can be twice as fast
   * as the next; the row shows the median round, and every round beside it.
   */
  burstRounds: number;
  /** clients per load-generator process (chat-worker.ts) */
  clientsPerWorker: number;
}

type Phase = 'steady' | 'burst';

interface Scenario {
  hub: ChatHub;
  phase: Phase;
  clients: number;
  /** a burst's round, from 0 */
  round?: number;
}

/** One burst round of a hub: what `rounds` keeps for each. */
export interface BurstRound {
  deliveriesPerSecond: number;
  serverMicrosPerDelivery: number;
}

export interface ChatRow {
  hub: ChatHub;
  clients: number;
  workers: number;
  /** the phase this row measured (the other is absent) */
  steady?: PhaseResult;
  burst?: PhaseResult;
  /** share of one core used during the phase: the server, and all the load generators */
  cpu: { serverPercent: number; loadPercent: number };
  memory: { baselineMiB: number; idleMiB: number; loadMiB: number; bytesPerConnection: number };
  /** a burst row: every round of this hub's, in the order they ran (the row is the median) */
  rounds?: BurstRound[];
}

/** How often the server's memory is read while under load. */
const MEMORY_SAMPLE_MS = 250;
/** How many functions and stacks a profile summary lists. */
const PROFILE_TOP = 15;

function scenarios(settings: ChatSettings, hubs: readonly ChatHub[]): Scenario[] {
  const steady = hubs.flatMap((hub): Scenario[] =>
    hub === 'ours per-client'
      ? [{ hub, phase: 'steady', clients: settings.perClientAt }]
      : settings.steadyClients.map((clients) => ({ hub, phase: 'steady', clients })),
  );
  const burstHubs = hubs.filter((hub) => hub !== 'ours per-client');
  const bursts = Array.from({ length: settings.burstRounds }, (_, round) =>
    burstHubs.map(
      (hub): Scenario => ({ hub, phase: 'burst', clients: settings.burstClients, round }),
    ),
  );
  return [...steady, ...bursts.flat()];
}

/** Each hub's burst rounds as one row: its median round, with every round's figures beside it. */
export function medianBursts(rows: ChatRow[]): ChatRow[] {
  const rounds = new Map<ChatHub, ChatRow[]>();
  for (const row of rows) {
    if (row.burst !== undefined) rounds.set(row.hub, [...(rounds.get(row.hub) ?? []), row]);
  }
  const medians = [...rounds.values()].map((hubRounds) => {
    const byRate = [...hubRounds].sort(
      (a, b) => a.burst!.deliveriesPerSecond - b.burst!.deliveriesPerSecond,
    );
    const median = byRate[Math.floor(byRate.length / 2)]!;
    return {
      ...median,
      rounds: hubRounds.map((row) => ({
        deliveriesPerSecond: row.burst!.deliveriesPerSecond,
        serverMicrosPerDelivery: serverMicrosPerDelivery(
          row.cpu.serverPercent,
          row.burst!.deliveriesPerSecond,
        ),
      })),
    };
  });
  return [...rows.filter((row) => row.steady !== undefined), ...medians];
}

/** The hubs this machine can run: the Go ones need Go. */
const runnableHubs = () => (hasGo() ? chatHubs : chatHubs.filter((hub) => !isGoHub(hub)));

/** go/hub, built, or undefined (said once) where Go is missing. */
function goHubProgram(): string | undefined {
  if (!hasGo()) {
    console.error(`bench chat: no \`go\` found, so the Go hubs are skipped; ${INSTALL_GO}`);
    return undefined;
  }
  return buildGoProgram('hub');
}

/** CPU seconds of the server and of the load generators, turned into shares of a core. */
function startCpuMeter(serverPid: number, loadPids: number[]) {
  const loadSeconds = () => loadPids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const started = performance.now();
  const before = { server: cpuSeconds(serverPid), load: loadSeconds() };
  return () => {
    const seconds = (performance.now() - started) / 1000;
    return {
      serverPercent: ((cpuSeconds(serverPid) - before.server) / seconds) * 100,
      loadPercent: ((loadSeconds() - before.load) / seconds) * 100,
    };
  };
}

/** The server's peak memory while a phase runs. */
function startMemoryPeak(pid: number, from: number) {
  let peak = from;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssBytes(pid));
  }, MEMORY_SAMPLE_MS);
  return () => {
    clearInterval(timer);
    return Math.max(peak, rssBytes(pid));
  };
}

interface Run {
  settings: ChatSettings;
  /** the built go/hub, when Go is installed */
  goHub?: string;
  /** --cpu-prof, on our hubs: the folder for this scenario's profile */
  profileDir?: string;
  /** where the results go */
  outDir: string;
  progress: Progress;
  step: number;
}

/** The scenario's one phase, on clients that are connected and a sender that is open. */
function measurePhase(
  { phase, clients }: Scenario,
  generators: LoadGenerator[],
  sender: WebSocket,
  settings: ChatSettings,
  say: (detail: string) => void,
): Promise<PhaseResult> {
  if (phase === 'steady') {
    return measureSteady(generators, sender, clients, settings, (sent, total) =>
      say(`${sent}/${total} sent`),
    );
  }
  say(`${settings.burstMessages} messages as fast as the sender can`);
  return measureBurst(generators, sender, clients, settings);
}

const label = ({ hub, phase, clients, round }: Scenario) =>
  `${hub}, ${clients.toLocaleString('en-US')} clients, ${phase}${round === undefined ? '' : ` ${round + 1}`}`;

/** When the phase ran, ms since 1970, to find it in a CPU profile of the whole process. */
interface PhaseTimes {
  startedAt: number;
  endedAt: number;
}

/** Connects the scenario's clients and its sender to a running hub, and measures its phase. */
async function measureHub(
  hub: RunningHub,
  scenario: Scenario,
  { settings, progress, step }: Run,
): Promise<{ row: ChatRow; times: PhaseTimes }> {
  const say = (detail: string) => progress.update(step, `${label(scenario)}: ${detail}`);
  let generators: LoadGenerator[] = [];
  let sender: WebSocket | undefined;
  try {
    const baseline = rssBytes(hub.pid);
    say('connecting');
    generators = await connectClients([hub.url], scenario.clients, settings.clientsPerWorker);
    const idle = rssBytes(hub.pid);
    sender = await openSender(hub.url);

    const cpu = startCpuMeter(hub.pid, [process.pid, ...generators.map((g) => g.child.pid!)]);
    const memoryPeak = startMemoryPeak(hub.pid, idle);
    const startedAt = epochNow();
    const result = await measurePhase(scenario, generators, sender, settings, say);
    const row: ChatRow = {
      hub: scenario.hub,
      clients: scenario.clients,
      workers: generators.length,
      [scenario.phase]: result,
      cpu: cpu(),
      memory: {
        baselineMiB: baseline / MiB,
        idleMiB: idle / MiB,
        loadMiB: memoryPeak() / MiB,
        bytesPerConnection: (idle - baseline) / scenario.clients,
      },
    };
    return { row, times: { startedAt, endedAt: epochNow() } };
  } finally {
    sender?.terminate();
    await Promise.all(generators.map((generator) => generator.close()));
  }
}

/** One scenario: a hub of its own, started, measured and stopped. */
async function runScenario(scenario: Scenario, run: Run): Promise<ChatRow> {
  const hub = await startHub(scenario.hub, { goHub: run.goHub, cpuProfileDir: run.profileDir });
  let measured: Awaited<ReturnType<typeof measureHub>>;
  try {
    measured = await measureHub(hub, scenario, run);
  } finally {
    await hub.stop();
  }
  if (run.profileDir !== undefined) {
    saveProfileSummary(scenario, run.profileDir, run.outDir, measured.times, epochNow());
  }
  return measured.row;
}

const slugOf = (scenario: Scenario) =>
  `${scenario.hub}-${scenario.phase}-${scenario.clients}`.replaceAll(' ', '-');

/**
 * With --cpu-prof, an empty folder for a scenario's raw profiles (replaced on
 * each run; open them in Chrome DevTools' Performance panel).
 */
function profileFolder(scenario: Scenario): string {
  const dir = join(tmpdir(), 'sockets-bench-profiles', slugOf(scenario));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * With --cpu-prof: the profile our hub wrote as it stopped, summarised next to
 * the results, over its phase only (not the thousands of handshakes before it
 * and closes after it). The profile's clock is its own, but it ends as the hub
 * exits, at `stoppedAt`, so the phase is found counting back from there.
 */
function saveProfileSummary(
  scenario: Scenario,
  profileDir: string,
  outDir: string,
  phase: PhaseTimes,
  stoppedAt: number,
): void {
  // CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile: thread 0 is the hub's;
  // the others are tsx's loader thread.
  const [file] = readdirSync(profileDir).filter((name) => /\.\d+\.0\.\d+\.cpuprofile$/.test(name));
  if (file === undefined) throw new Error(`${scenario.hub} wrote no CPU profile in ${profileDir}`);
  const profile = readProfile(join(profileDir, file));
  const usBeforeEnd = (at: number) => profile.endTime - (stoppedAt - at) * 1000;
  const summary = summariseProfile(profile, PROFILE_TOP, {
    fromUs: usBeforeEnd(phase.startedAt),
    toUs: usBeforeEnd(phase.endedAt),
  });
  const summaryFile = join(outDir, `chat-profile-${slugOf(scenario)}.md`);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(summaryFile, profileMarkdown(`CPU profile: ${label(scenario)}`, summary));
  console.error(`bench chat: profile ${join(profileDir, file)}, summary ${summaryFile}`);
}

async function runChatBench(
  settings: ChatSettings,
  progress: Progress,
  { outDir, cpuProfile }: { outDir: string; cpuProfile: boolean },
): Promise<ChatRow[]> {
  checkOpenFileLimit(Math.max(...settings.steadyClients, settings.burstClients));
  const goHub = goHubProgram();
  const rows: ChatRow[] = [];
  for (const scenario of scenarios(settings, runnableHubs())) {
    const profileDir = cpuProfile && !isGoHub(scenario.hub) ? profileFolder(scenario) : undefined;
    const run = { settings, goHub, profileDir, outDir, progress, step: rows.length };
    rows.push(await runScenario(scenario, run));
  }
  return medianBursts(rows);
}

function chatCharts(rows: ChatRow[]) {
  const hubs = chatHubs.filter((hub) => rows.some((row) => row.hub === hub));
  const chart = (title: string, unit: string, phase: Phase, pick: (r: PhaseResult) => number) => {
    const measured = rows.filter((row) => row[phase] !== undefined);
    return {
      title,
      unit,
      series: hubs,
      groups: [...new Set(measured.map((row) => row.clients))].map((clients) => ({
        label: `${clients.toLocaleString('en-US')} clients`,
        values: Object.fromEntries(
          measured.filter((r) => r.clients === clients).map((r) => [r.hub, pick(r[phase]!)]),
        ),
      })),
    };
  };
  return {
    latency: chart('Chat delivery latency p99, steady rate', 'ms', 'steady', (r) => r.p99),
    burst: chart(
      'Chat hub capacity in a burst',
      'deliveries/s',
      'burst',
      (r) => r.deliveriesPerSecond,
    ),
  };
}

/**
 * The hub's CPU time per delivery: what tells two hubs apart when the load
 * generator, not the hub, sets the pace (its core full in a burst).
 */
export function serverMicrosPerDelivery(
  serverPercent: number,
  deliveriesPerSecond: number,
): number {
  return (serverPercent / 100) * (1_000_000 / deliveriesPerSecond);
}

function chatTable(rows: ChatRow[]) {
  return {
    header: [
      'hub',
      'clients',
      'phase',
      'workers',
      'deliveries/s',
      'lost',
      'closed',
      'order',
      'p50',
      'p99',
      'max',
      'server CPU',
      'server µs/delivery',
      'load CPU',
      'idle KiB/conn',
      'RSS load MiB',
      'burst rounds, k/s',
    ],
    rows: rows.map((r) => {
      const phase: Phase = r.steady ? 'steady' : 'burst';
      const result = r[phase]!;
      return [
        r.hub,
        whole(r.clients),
        phase,
        r.workers,
        whole(result.deliveriesPerSecond),
        result.lost,
        result.closedByServer,
        result.outOfOrder,
        ms(result.p50),
        ms(result.p99),
        ms(result.max),
        `${fixed(0)(r.cpu.serverPercent)}%`,
        fixed(2)(serverMicrosPerDelivery(r.cpu.serverPercent, result.deliveriesPerSecond)),
        `${fixed(0)(r.cpu.loadPercent)}%`,
        fixed(1)(r.memory.bytesPerConnection / 1024),
        fixed(0)(r.memory.loadMiB),
        (r.rounds ?? []).map((round) => fixed(0)(round.deliveriesPerSecond / 1000)).join(' '),
      ];
    }),
  };
}

export const chatBench: Bench<ChatSettings, ChatRow> = {
  about:
    "07-chat's hub against Go hubs (seed, coalescing): 1,000 and 10,000 clients, a burst at 5,000",
  settings: {
    // issue 18's shapes: one sender at 10 msg/s of 100 B for 30 s; a burst of 100 at 5,000 clients.
    full: {
      steadyClients: [1000, 10_000],
      perClientAt: 1000,
      burstClients: 5000,
      burstRounds: 3,
      burstMessages: 100,
      messageBytes: 100,
      rate: 10,
      durationMs: 30_000,
      drainMs: 5000,
      clientsPerWorker: 10_000,
    },
    quick: {
      steadyClients: [40],
      perClientAt: 40,
      burstClients: 40,
      burstRounds: 2,
      burstMessages: 20,
      messageBytes: 100,
      rate: 20,
      durationMs: 500,
      drainMs: 2000,
      clientsPerWorker: 20,
    },
  },
  steps: (settings) => scenarios(settings, runnableHubs()).length,
  run: runChatBench,
  table: chatTable,
  charts: chatCharts,
};
