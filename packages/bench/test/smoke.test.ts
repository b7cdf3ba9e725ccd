import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScript, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';

// CI runs a tiny `--quick` run of every benchmark so that none of them can
// rot: each must finish, exit 0, and write its result file and charts. The
// figures of a smoke run mean nothing and are not checked; that every chat
// client got every message in order does.

const track = useCleanup();
const packageDir = join(import.meta.dirname, '..');

/** Runs `pnpm bench <bench> --quick` into a fresh folder; its result and the files it wrote. */
async function runQuick(bench: string, flags: string[] = []) {
  const outDir = mkdtempSync(join(tmpdir(), `bench-${bench}-`));
  track(() => rmSync(outDir, { recursive: true, force: true }));
  const run = startScript(
    packageDir,
    'bin/bench.ts',
    {},
    { args: [bench, '--quick', '--out', outDir, ...flags] },
  );
  track(() => run.stop());
  expect(await run.exited, run.output.join('\n')).toBe(0);
  return {
    result: JSON.parse(readFileSync(join(outDir, `${bench}.json`), 'utf8')),
    charts: readdirSync(outDir).filter((file) => file.endsWith('.svg')),
    files: readdirSync(outDir),
  };
}

/**
 * The chat smoke run starts a server and its load generators for each of its
 * seven scenarios (ours and, with Go, the Go hubs): on a 2-core machine busy
 * with other packages' tests that can take longer than the usual 30 s. The
 * test waits for the run to exit, so this is a limit, not a wait.
 */
const CHAT_SMOKE_TIMEOUT_MS = 120_000;

interface Phase {
  lost: number;
  outOfOrder: number;
}

describe.each(['frames', 'echo', 'backlog', 'compression'])('pnpm bench %s --quick', (bench) => {
  it('finishes, exits 0 and writes its result and charts', async () => {
    const { result, charts } = await runQuick(bench);
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result.machine.node).toBe(process.version);
    expect(charts.length).toBeGreaterThan(0);
  });
});

describe('pnpm bench chat --quick --cpu-prof', () => {
  it(
    'loses nothing and keeps each sender in order, on every hub, steady and in a burst',
    async () => {
      const { result, charts, files } = await runQuick('chat', ['--cpu-prof']);
      const rows: { hub: string; steady?: Phase; burst?: Phase }[] = result.rows;
      // Our hub always; the Go hubs too where Go is installed (go-hubs.test.ts).
      expect(rows.filter((row) => row.hub === 'ours').map((row) => Object.keys(row))).toEqual([
        expect.arrayContaining(['steady']),
        expect.arrayContaining(['burst']),
      ]);
      for (const row of rows) {
        for (const [phase, figures] of Object.entries({ steady: row.steady, burst: row.burst })) {
          if (figures === undefined) continue;
          expect(figures.lost, `${row.hub}, ${phase}: messages lost`).toBe(0);
          expect(figures.outOfOrder, `${row.hub}, ${phase}: messages out of order`).toBe(0);
        }
      }
      expect(charts).toEqual(['chat-burst.svg', 'chat-latency.svg']);
      // --cpu-prof: a summary of our hub's profile for each of its scenarios
      expect(files).toContain('chat-profile-ours-steady-40.md');
      expect(files).toContain('chat-profile-ours-burst-40.md');
    },
    CHAT_SMOKE_TIMEOUT_MS,
  );
});

describe('pnpm bench scale --quick', () => {
  // Lesson 07 alone, and lesson 09 with one and two server processes on a real redis-server.
  it('finishes, writes its result and charts, and loses nothing in any setup', async () => {
    const { result, charts } = await runQuick('scale');
    const rows: { setup: string; steady: Phase; burst: Phase }[] = result.rows;
    expect(rows.map((row) => row.setup)).toEqual(['no Redis', '1 process', '2 processes']);
    for (const row of rows) {
      expect(row.steady.lost, `${row.setup}: messages lost`).toBe(0);
      expect(row.steady.outOfOrder, `${row.setup}: messages out of order`).toBe(0);
      expect(row.burst.lost, `${row.setup}: burst messages lost`).toBe(0);
    }
    expect(charts).toHaveLength(2);
  });
});

describe('pnpm bench with a wrong name or option', () => {
  it.each([
    [[], /which bench\?/],
    [['nope'], /no bench called nope/],
    [['chat', '--quik'], /Unknown option '--quik'/],
    [['echo', '--cpu-prof'], /--cpu-prof is for bench chat/],
  ])('%j exits 1, says why and lists the benches', async (args, problem) => {
    const run = startScript(packageDir, 'bin/bench.ts', {}, { args });
    track(() => run.stop());
    expect(await run.exited).toBe(1);
    const output = run.output.join('\n');
    expect(output).toMatch(problem);
    expect(output).toMatch(/usage: pnpm bench <name>[\s\S]*chat {2,}07-chat's hub/);
  });
});
