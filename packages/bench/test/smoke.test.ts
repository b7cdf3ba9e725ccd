import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScript, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';

// CI runs a tiny `--quick` run of every benchmark so that none of them can
// rot: each must finish, exit 0, and write its result file and charts. The
// figures of a smoke run mean nothing and are not checked.

const track = useCleanup();
const packageDir = join(import.meta.dirname, '..');

describe.each(['frames', 'echo', 'backlog', 'compression'])('pnpm bench %s --quick', (bench) => {
  it('finishes, exits 0 and writes its result and charts', async () => {
    const outDir = mkdtempSync(join(tmpdir(), `bench-${bench}-`));
    track(() => rmSync(outDir, { recursive: true, force: true }));
    const run = startScript(
      packageDir,
      'bin/bench.ts',
      {},
      { args: [bench, '--quick', '--out', outDir] },
    );
    track(() => run.stop());
    expect(await run.exited, run.output.join('\n')).toBe(0);
    const result = JSON.parse(readFileSync(join(outDir, `${bench}.json`), 'utf8'));
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result.machine.node).toBe(process.version);
    expect(readdirSync(outDir).filter((file) => file.endsWith('.svg')).length).toBeGreaterThan(0);
  });
});

describe('pnpm bench chat --quick', () => {
  it('loses nothing and keeps each sender in order for clients that keep reading', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'bench-chat-'));
    track(() => rmSync(outDir, { recursive: true, force: true }));
    const run = startScript(
      packageDir,
      'bin/bench.ts',
      {},
      { args: ['chat', '--quick', '--out', outDir] },
    );
    track(() => run.stop());
    expect(await run.exited, run.output.join('\n')).toBe(0);
    const { rows } = JSON.parse(readFileSync(join(outDir, 'chat.json'), 'utf8'));
    for (const row of rows) {
      expect(row.steady.lost, `${row.encoding}: messages lost`).toBe(0);
      expect(row.steady.outOfOrder, `${row.encoding}: messages out of order`).toBe(0);
      expect(row.burst.lost, `${row.encoding}: burst messages lost`).toBe(0);
      expect(row.burst.outOfOrder, `${row.encoding}: burst out of order`).toBe(0);
    }
  });
});
