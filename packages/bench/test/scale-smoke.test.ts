import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScript, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';

// The smoke run of `pnpm bench scale`: lesson 07 alone, and lesson 09 with one
// and two server processes on a real redis-server, with a few clients. Its
// figures mean nothing; that every client got every message in order does.

const track = useCleanup();
const packageDir = join(import.meta.dirname, '..');

describe('pnpm bench scale --quick', () => {
  it('finishes, writes its result and charts, and loses nothing in any setup', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'bench-scale-'));
    track(() => rmSync(outDir, { recursive: true, force: true }));
    const run = startScript(
      packageDir,
      'bin/bench.ts',
      {},
      { args: ['scale', '--quick', '--out', outDir] },
    );
    track(() => run.stop());
    expect(await run.exited, run.output.join('\n')).toBe(0);
    const { rows } = JSON.parse(readFileSync(join(outDir, 'scale.json'), 'utf8'));
    expect(rows.map((row: { setup: string }) => row.setup)).toEqual([
      'no Redis',
      '1 process',
      '2 processes',
    ]);
    for (const row of rows) {
      expect(row.steady.lost, `${row.setup}: messages lost`).toBe(0);
      expect(row.steady.outOfOrder, `${row.setup}: messages out of order`).toBe(0);
      expect(row.burst.lost, `${row.setup}: burst messages lost`).toBe(0);
    }
    expect(readdirSync(outDir).filter((file) => file.endsWith('.svg'))).toHaveLength(2);
  });
});
