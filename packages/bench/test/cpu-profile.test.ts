import { describe, expect, it } from 'vitest';
import { type CpuProfile, profileMarkdown, summariseProfile } from '../src/cpu-profile.ts';

// A call tree as V8 writes it: (root) → main → send → writev, and main → a
// callback that calls main again (so main is twice on one stack), and the
// event loop waiting, (idle).
const frame = (functionName: string, url = '', lineNumber = 0) => ({
  functionName,
  url,
  lineNumber,
});
const profile: CpuProfile = {
  startTime: 0,
  endTime: 20_000,
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 6, 8] },
    {
      id: 2,
      callFrame: frame('main', 'file:///work/main/packages/07-chat/src/hub.ts', 9),
      children: [3, 5],
    },
    {
      id: 3,
      callFrame: frame(
        'send',
        'file:///x/node_modules/.pnpm/ws@8.23.0/node_modules/ws/lib/sender.js',
        99,
      ),
      children: [4],
    },
    // Line 0 is left out of a name: tsx compiles each of our files onto that one line.
    { id: 4, callFrame: frame('writev', 'node:internal/stream_base_commons', 0) },
    {
      id: 5,
      callFrame: frame('', 'file:///work/main/packages/07-chat/src/a|b.ts', 1),
      children: [7],
    },
    { id: 7, callFrame: frame('main', 'file:///work/main/packages/07-chat/src/hub.ts', 9) },
    { id: 6, callFrame: frame('(garbage collector)') },
    { id: 8, callFrame: frame('(idle)') },
  ],
  // 10 busy samples: writev 5, main 3 (once inside the callback), the callback 1, GC 1;
  // and 10 idle ones.
  samples: [4, 4, 4, 4, 4, 2, 2, 5, 7, 6, ...Array(10).fill(8)],
  timeDeltas: Array(20).fill(1000),
};

describe('summariseProfile', () => {
  const summary = summariseProfile(profile);

  it('counts self time where the samples landed, as a share of the busy samples', () => {
    expect(summary.busySamples).toBe(10);
    expect(summary.idlePercent).toBe(50);
    expect(summary.durationMs).toBe(20);
    expect(summary.self.map((line) => [line.name, line.samples, line.percent])).toEqual([
      ['writev node:internal/stream_base_commons', 5, 50],
      ['main 07-chat/src/hub.ts:10', 3, 30],
      ['(anonymous) 07-chat/src/a|b.ts:2', 1, 10],
      ['(garbage collector)', 1, 10],
    ]);
  });

  it('counts inclusive time for every function on the stack, once per sample', () => {
    const inclusive = Object.fromEntries(
      summary.inclusive.map((line) => [line.name, line.samples]),
    );
    expect(inclusive).toEqual({
      'main 07-chat/src/hub.ts:10': 9,
      'send ws/lib/sender.js:100': 5,
      'writev node:internal/stream_base_commons': 5,
      '(anonymous) 07-chat/src/a|b.ts:2': 2,
      '(garbage collector)': 1,
    });
  });

  it('lists whole stacks, innermost first, the heaviest first', () => {
    expect(summary.stacks[0]).toEqual({
      name: 'writev node:internal/stream_base_commons ← send ws/lib/sender.js:100 ← main 07-chat/src/hub.ts:10',
      samples: 5,
      percent: 50,
    });
  });

  it('keeps the top N of each list', () => {
    expect(summariseProfile(profile, 2).self).toHaveLength(2);
  });

  it('writes markdown tables whose cells a `|` in a name cannot break', () => {
    const markdown = profileMarkdown('CPU profile: ours', summary);
    expect(markdown).toContain('## CPU profile: ours');
    expect(markdown).toContain(
      '0.0 s profiled, 50% of it idle; the shares below are of the 10 busy samples.',
    );
    expect(markdown).toContain('| `writev node:internal/stream_base_commons` | 5 | 50.0 |');
    expect(markdown).toContain('| `(anonymous) 07-chat/src/a\\|b.ts:2` | 1 | 10.0 |');
  });
});

describe('summariseProfile over a window of time', () => {
  it('counts only the samples taken within it, as the phase a bench measured', () => {
    // Sample n is taken at n ms: the first 5 (writev) are before 5.5 ms.
    const summary = summariseProfile(profile, 15, { fromUs: 5500, toUs: 20_000 });
    expect(summary.busySamples).toBe(5);
    expect(summary.durationMs).toBe(14.5);
    expect(summary.self.map((line) => line.name)).not.toContain(
      'writev node:internal/stream_base_commons',
    );
  });
});
