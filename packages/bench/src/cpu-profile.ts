import { readFileSync } from 'node:fs';

// A text summary of a V8 CPU profile (`node --cpu-prof` writes one as
// .cpuprofile JSON when the process exits), for the Performance page: which
// functions the samples landed in, and which call stacks they came from.
//
// The format, from V8's Profiler domain (Chrome DevTools Protocol):
//   nodes       the call tree; each node is one function called from one place,
//               with its children's ids
//   samples     for every sample, the id of the node that was running
//   timeDeltas  µs between one sample and the one before it (the first: since startTime)
//   startTime, endTime  µs on the profiler's own clock
// So a node's samples are its self time, and a node's samples plus its
// descendants' are its inclusive time. Samples in `(idle)` (the event loop
// waiting) are left out of the shares: they say how busy the process was,
// not where its work went.

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  startTime: number;
  endTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileLine {
  /** a function (`name file:line`), or a stack of them, innermost first */
  name: string;
  samples: number;
  /** share of the busy samples, 0–100 */
  percent: number;
}

export interface ProfileSummary {
  /** the samples the shares are of: all but the idle ones */
  busySamples: number;
  /** share of all samples the process was idle, 0–100 */
  idlePercent: number;
  /** ms the profile covers */
  durationMs: number;
  /** the functions where the samples landed */
  self: ProfileLine[];
  /** the functions that were on the stack, counted once per sample */
  inclusive: ProfileLine[];
  /** whole stacks, the sampled function first */
  stacks: ProfileLine[];
}

const IDLE = '(idle)';

/** The frames a stack shows, innermost first; more is noise in a table. */
const STACK_DEPTH = 6;

/** `name file:line`, the file cut to what tells it apart (a package and its path, or a node: module). */
function describe({ functionName, url, lineNumber }: CallFrame): string {
  const name = functionName || '(anonymous)';
  if (url === '') return name;
  const file = url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '')
    .replace(/^.*\/packages\//, '');
  // lineNumber is 0-based. tsx compiles each of our files onto one line, so
  // their functions all say line 0, which would tell the reader nothing.
  return lineNumber > 0 ? `${name} ${file}:${lineNumber + 1}` : `${name} ${file}`;
}

function top(counts: Map<string, number>, total: number, count: number): ProfileLine[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, samples]) => ({ name, samples, percent: (samples / total) * 100 }));
}

const add = (counts: Map<string, number>, key: string) =>
  counts.set(key, (counts.get(key) ?? 0) + 1);

/** A stretch of the profile, in µs on its clock (`startTime` to `endTime`). */
export interface ProfileWindow {
  fromUs: number;
  toUs: number;
}

/**
 * The top `count` of each list, over the samples in `window` (all of them
 * without one): a bench profiles a whole process, and wants only its phase.
 */
export function summariseProfile(
  profile: CpuProfile,
  count = 15,
  window: ProfileWindow = { fromUs: profile.startTime, toUs: profile.endTime },
): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  /** The functions from the sampled one out to the root's child (the root is not a function). */
  const stackOf = (id: number): string[] => {
    const stack: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at)!;
      if (node.callFrame.functionName !== '(root)') stack.push(describe(node.callFrame));
    }
    return stack;
  };

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const stacks = new Map<string, number>();
  let takenAt = profile.startTime;
  const inWindow = profile.samples.filter((_, i) => {
    takenAt += profile.timeDeltas[i]!;
    return takenAt >= window.fromUs && takenAt <= window.toUs;
  });
  const busy = inWindow.filter((id) => byId.get(id)!.callFrame.functionName !== IDLE);
  for (const id of busy) {
    const stack = stackOf(id);
    add(self, stack[0] ?? '(root)');
    for (const name of new Set(stack)) add(inclusive, name);
    add(stacks, stack.slice(0, STACK_DEPTH).join(' ← '));
  }
  const total = busy.length;
  return {
    busySamples: total,
    idlePercent: (1 - total / inWindow.length) * 100,
    durationMs: (window.toUs - window.fromUs) / 1000,
    self: top(self, total, count),
    inclusive: top(inclusive, total, count),
    stacks: top(stacks, total, count),
  };
}

export function readProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

/** The summary as markdown tables, for a page. */
export function profileMarkdown(title: string, summary: ProfileSummary): string {
  // A `|` in a name would end its table cell.
  const cell = (text: string) => `\`${text.replaceAll('|', '\\|')}\``;
  const table = (heading: string, what: string, lines: ProfileLine[]) =>
    [
      `### ${heading}`,
      '',
      `| ${what} | samples | % |`,
      '| --- | ---: | ---: |',
      ...lines.map(
        (line) => `| ${cell(line.name)} | ${line.samples} | ${line.percent.toFixed(1)} |`,
      ),
      '',
    ].join('\n');
  return [
    `## ${title}`,
    '',
    `${(summary.durationMs / 1000).toFixed(1)} s profiled, ${summary.idlePercent.toFixed(0)}% of it idle; ` +
      `the shares below are of the ${summary.busySamples.toLocaleString('en-US')} busy samples.`,
    '',
    table('Self time: where the samples landed', 'function', summary.self),
    table('Inclusive time: on the stack', 'function', summary.inclusive),
    table(
      `Hottest stacks (innermost ${STACK_DEPTH} frames)`,
      'stack, innermost first',
      summary.stacks,
    ),
  ].join('\n');
}
