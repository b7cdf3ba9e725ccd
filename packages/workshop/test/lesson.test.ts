import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { basename, join } from 'node:path';
import { startScript, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { lessonFolders, packagesDir } from '../src/exercises.ts';

// `pnpm lesson <lesson> <script> [NAME=value …]` (scripts/lesson.mjs), run for real: the
// lesson's own program starts, and Ctrl+C reaches it as it does from a terminal, through
// the process group.

const track = useCleanup();
const root = join(import.meta.dirname, '..', '..', '..');

/** `node scripts/lesson.mjs …`, in a process group of its own, as a terminal starts it. */
function lesson(args: string[], env: Record<string, string> = {}) {
  const script = startScript(root, 'scripts/lesson.mjs', env, { args, group: true });
  track(() => script.stop());
  return script;
}

/**
 * pnpm's own entry point, to run `pnpm lesson` as a learner's installed pnpm does: the pnpm
 * that runs this test (`pnpm test` sets npm_execpath), else the one `npx -y pnpm@10` fetches.
 * (Not npx itself: on Ctrl+C npx reports its own 130, whatever pnpm does.)
 */
function pnpmEntry(): string {
  const execpath = process.env.npm_execpath;
  if (execpath && basename(execpath).startsWith('pnpm')) return execpath;
  const bin = execFileSync('npx', ['-y', '-p', 'pnpm@10', '-c', 'command -v pnpm'], {
    encoding: 'utf8',
  });
  return realpathSync(bin.trim());
}

describe('pnpm lesson', () => {
  it('can run every lesson script: each is `tsx bin/<file>.ts`, as CONTRIBUTING.md says', () => {
    const others = lessonFolders().flatMap((folder) => {
      const manifest = JSON.parse(readFileSync(join(packagesDir, folder, 'package.json'), 'utf8'));
      return Object.entries<string>(manifest.scripts ?? {})
        .filter(([script]) => !['test', 'typecheck', 'lint'].includes(script))
        .filter(([, command]) => !/^tsx bin\/[\w-]+\.ts$/.test(command))
        .map(([script, command]) => `${folder} ${script}: ${command}`);
    });
    expect(others, 'scripts that pnpm lesson would not list or run').toEqual([]);
  });

  it('makes NAME=value arguments the lesson environment variables', async () => {
    const server = lesson(['echo', 'server', 'HOST=127.0.0.1']);
    expect(await server.ready(), 'HOST=127.0.0.1 reached the server').toMatch(
      /^ws:\/\/127\.0\.0\.1:\d+\//,
    );
    expect(await server.stop(), 'Ctrl+C closes it, exit status 0').toBe(0);
  });

  it('passes the other arguments on to the script, with the options among them', async () => {
    const annotate = lesson(['frames', 'annotate', '81', 'ROLE=server', '00']);
    await annotate.waitForLine(/unmasked client frame/);
    expect(await annotate.exited).toBe(0);
    expect(annotate.output.join('\n')).toContain('frame 1: unmasked text frame, 2 bytes');
  });

  it.each([
    ['count=3', /"count=3": option names are UPPER_SNAKE_CASE.*Did you mean COUNT=3\?/],
    ['max-bytes=9', /Did you mean MAX_BYTES=9\?/],
    ['PORT=', /"PORT=" has no value: write PORT=<value>, with no space after the =/],
  ])('refuses %s, and says why', async (arg, message) => {
    const client = lesson(['echo', 'client', arg]);
    await client.waitForLine(message);
    expect(await client.exited).toBe(1);
    expect(client.output.join('\n'), 'the lesson did not start').not.toMatch(/\[echo\]/);
  });

  it('ends with the lesson exit status 0 on Ctrl+C, through pnpm, with no ELIFECYCLE line', {
    timeout: 120_000,
  }, async () => {
    // pnpm.cjs runs under startScript's `node --import tsx`, which changes nothing for it.
    const run = startScript(
      root,
      pnpmEntry(),
      {},
      {
        args: ['lesson', 'echo', 'server', 'PORT=0'],
        group: true,
      },
    );
    track(() => run.stop());
    await run.ready();
    expect(await run.stop('SIGINT'), run.output.join('\n')).toBe(0);
    expect(run.output).toContain('[echo] closed, bye');
    expect(run.output.join('\n')).not.toMatch(/ELIFECYCLE|Command failed/);
  });
});
