import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScript, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { fetchRaw } from './helpers.ts';

const track = useCleanup();
const packageDir = join(import.meta.dirname, '..');

describe('bin/server.ts', () => {
  it('prints its ready line, and on SIGINT answers held polls, closes, and exits 0', async () => {
    const server = startScript(packageDir, 'bin/server.ts', { TICK_MS: '3600000' });
    track(() => server.stop('SIGKILL'));
    const url = await server.ready();
    expect(url).toMatch(/^http:\/\/localhost:\d+\/$/);
    const held = fetchRaw(new URL('/long-poll', url).href);
    const stream = fetchRaw(new URL('/events', url).href);
    await server.waitForLine(/opened an event stream/);
    await server.waitForLine(/holding a long poll/);

    expect(await server.stop('SIGINT')).toBe(0);
    expect(await held).toMatchObject({ status: 503 });
    expect((await stream).status).toBe(200);
    expect(server.output).toContain('[transports] closed, bye');
  });

  it('explains a bad setting in one line and exits 1', async () => {
    const server = startScript(packageDir, 'bin/server.ts', { TICK_MS: 'often' });
    track(() => server.stop('SIGKILL'));
    expect(await server.exited).toBe(1);
    expect(server.output).toEqual([
      '[transports] error: TICK_MS must be a whole number of 0 or more, got "often"',
    ]);
  });
});

describe('bin/compare.ts', () => {
  it('shows its progress, prints the table, writes OUT, and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'compare-'));
    track(() => rmSync(dir, { recursive: true, force: true }));
    const out = join(dir, 'compare.json');
    const compare = startScript(packageDir, 'bin/compare.ts', {
      COUNT: '2',
      TICK_MS: '100',
      POLL_MS: '20',
      OUT: out,
    });
    track(() => compare.stop('SIGKILL'));
    expect(await compare.exited).toBe(0);
    expect(compare.output[0]).toBe(
      '[compare] 2 ticks of 100 ms over four transports (a short poll every 20 ms)',
    );
    // A line per tick here (a tenth of 2 ticks); how many each has seen depends on the machine.
    const progress = compare.output.filter((line) => line.startsWith('[compare] tick'));
    expect(progress.map((line) => line.replace(/ \d+(?= ·|$)/g, ' n'))).toEqual([
      '[compare] tick 1/2 · short polling n · long polling n · Server-Sent Events n · WebSocket n',
      '[compare] tick 2/2 · short polling n · long polling n · Server-Sent Events n · WebSocket n',
    ]);
    const table = compare.output.findIndex((line) => line.startsWith('transport '));
    expect(
      compare.output.slice(table + 1, table + 5).map((line) => line.slice(0, 18).trim()),
    ).toEqual(['short polling', 'long polling', 'Server-Sent Events', 'WebSocket']);
    expect(compare.output.at(-1)).toBe(`[compare] wrote ${out}`);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.settings).toEqual({ count: 2, tickMs: 100, pollMs: 20 });
    expect(written.results).toHaveLength(4);
  });

  it('stops on Ctrl+C before it is done, with the exit code a shell expects (130)', async () => {
    const compare = startScript(packageDir, 'bin/compare.ts', {
      COUNT: '1000',
      TICK_MS: '100',
      POLL_MS: '20',
    });
    track(() => compare.stop('SIGKILL'));
    await compare.waitForLine(/^\[compare\] tick \d+\/1000/);
    expect(await compare.stop('SIGINT')).toBe(130);
    expect(compare.output.at(-1)).toBe('[compare] SIGINT received: stopping');
  });

  it('explains a bad COUNT in one line and exits 1', async () => {
    const compare = startScript(packageDir, 'bin/compare.ts', { COUNT: '0' });
    track(() => compare.stop('SIGKILL'));
    expect(await compare.exited).toBe(1);
    expect(compare.output).toEqual(['[compare] error: COUNT must be at least 1']);
  });
});
