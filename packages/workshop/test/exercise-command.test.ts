import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';

// What `pnpm exercise <lesson> <n>` (scripts/exercise.mjs) prints for a learner's starter:
// the real script, on real starters (04.1 and 05.2 as they are shipped), and on starters a
// learner could write that the repository does not hold (one that does not compile, one that
// never returns), in a scratch copy of the repository's layout.

const track = useCleanup();
const root = join(import.meta.dirname, '..', '..', '..');

/** Runs `node scripts/exercise.mjs …` in `repo`; resolves with its exit status and output. */
async function exercise(repo: string, ...args: string[]) {
  const run = promisify(execFile)(
    process.execPath,
    [join(repo, 'scripts', 'exercise.mjs'), ...args],
    {
      cwd: repo,
    },
  );
  const { stdout, stderr, code } = await run.then(
    (done) => ({ ...done, code: 0 }),
    (failed: { stdout: string; stderr: string; code: number }) => failed,
  );
  return { status: code, output: `${stdout}${stderr}` };
}

/**
 * A statement that never returns, as an endless loop does, but asleep rather than spinning:
 * the machine's cores are shared with other tests.
 */
const blockForever = 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);';

/** vitest's workers whose working folder is in `dir` (Linux, through /proc; none elsewhere). */
function workersIn(dir: string): string[] {
  if (!existsSync('/proc/self/cwd')) return [];
  return readdirSync('/proc').filter((pid) => {
    try {
      return (
        /^\d+$/.test(pid) &&
        readlinkSync(`/proc/${pid}/cwd`).startsWith(dir) &&
        readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('vitest')
      );
    } catch {
      return false; // it ended meanwhile, or is not ours to look at
    }
  });
}

/**
 * A scratch repository: this one's scripts and node_modules, and one lesson, 99-scratch,
 * whose exercise 1 asks for `double(n)` (a number, or a promise of one), with the starter given.
 */
function scratchRepo(starter: string): string {
  const repo = mkdtempSync(join(tmpdir(), 'exercise-'));
  track(() => rmSync(repo, { recursive: true, force: true }));
  cpSync(join(root, 'scripts'), join(repo, 'scripts'), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(repo, 'node_modules'), 'junction');
  const lesson = join(repo, 'packages', '99-scratch');
  const dir = join(lesson, 'exercises', '1-double');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(lesson, 'package.json'), '{ "name": "scratch", "type": "module" }\n');
  writeFileSync(join(dir, 'starter.ts'), starter);
  // As loadExercise (@sockets/testkit) does, which this scratch lesson cannot import.
  writeFileSync(
    join(dir, 'exercise.test.ts'),
    `import { join } from 'node:path';
import { expect, it } from 'vitest';
const file = join(import.meta.dirname, process.env.EXERCISE_TARGET + '.ts');
const { double } = await import(file);
it('doubles two', async () => { expect(await double(2), 'hint: 2 + 2').toBe(4); });
it('doubles three', async () => { expect(await double(3), 'hint: 3 + 3').toBe(6); });
`,
  );
  return repo;
}

describe('pnpm exercise', () => {
  it('shows where a starter that does not compile breaks: file, line and message', async () => {
    const repo = scratchRepo(
      '// Exercise 99.1: double it.\nexport function double(n: number): number {\n  return n * 2 +;\n}\n',
    );
    const { status, output } = await exercise(repo, '99', '1');
    expect(status).toBe(1);
    expect(output).toContain('packages/99-scratch/exercises/1-double/starter.ts:3:16');
    expect(output).toContain('Unexpected ";"');
    expect(output, 'the line itself, from the code frame').toContain('return n * 2 +;');
  });

  it('names the check that never ends, and stops', { timeout: 60_000 }, async () => {
    const repo = scratchRepo(
      `// Exercise 99.1: double it.\nexport function double(n: number): number {\n  if (n === 3) ${blockForever}\n  return n * 2;\n}\n`,
    );
    const { status, output } = await exercise(repo, '99', '1');
    expect(status).toBe(1);
    expect(output).toMatch(/✗ doubles three\n.*did not finish in \d+ s: is there a loop/);
    expect(output).toContain('a check did not finish: fix it first');
    expect(workersIn(repo), 'the stuck worker was stopped, not left spinning').toEqual([]);
  });

  it('names a file that never finishes loading, and stops', { timeout: 60_000 }, async () => {
    const repo = scratchRepo(
      `// Exercise 99.1: double it.\n${blockForever}\nexport const double = (n: number) => n * 2;\n`,
    );
    const { status, output } = await exercise(repo, '99', '1');
    expect(status).toBe(1);
    expect(output).toMatch(
      /✗ loading packages\/99-scratch\/exercises\/1-double\/starter\.ts\n.*did not finish/,
    );
    expect(workersIn(repo), 'the stuck worker was stopped, not left spinning').toEqual([]);
  });

  it('names a check that waits for what never comes', { timeout: 60_000 }, async () => {
    const repo = scratchRepo(
      '// Exercise 99.1: double it.\nexport function double(n: number): Promise<number> {\n  return n === 3 ? new Promise(() => {}) : Promise.resolve(n * 2);\n}\n',
    );
    const { status, output } = await exercise(repo, '99', '1');
    expect(status).toBe(1);
    expect(output).toMatch(/✓ doubles two\n/);
    expect(output).toMatch(
      /✗ doubles three\n.*did not finish in 10 s: is it waiting for something/,
    );
    expect(output).toContain('1 of 2 checks pass');
  });

  it('shows the first few checks that stop at a TODO, and counts the rest', async () => {
    const { status, output } = await exercise(root, '04', '1');
    expect(status).toBe(1);
    const todos = output.split('\n').filter((line) => line.trim().startsWith('TODO:'));
    expect(todos, output).toHaveLength(3);
    expect(output).toMatch(/… and 28 more checks that stop at a TODO/);
    expect(output).toContain('0 of 31 checks pass');
  });

  it('prints the whole expected and actual values, not cut short', async () => {
    const { output } = await exercise(root, '05', '2');
    expect(output).toContain('hint: add 1 in onMessage');
    expect(output).toContain(
      'Expected: "127.0.0.1:56724 closed after 3 messages: 1000 (normal closure) "bye""',
    );
    expect(output).toContain('Received: "127.0.0.1:56724 closed: 1000 (normal closure) "bye""');
    expect(output, 'the arrays of the server check, line by line').toMatch(
      /-\s+"3 messages: 1000 \(normal closure\) \\"bye\\"",/,
    );
  });
});
