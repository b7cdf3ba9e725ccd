import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { findExercises, packagesDir } from '../src/exercises.ts';

// Each lesson's own test run checks every spec against its solution. This file checks the
// other half: a spec must FAIL on its untouched starter, or the learner has nothing to do
// (a toothless spec passes whatever they write).

const exercises = findExercises();
const name = (e: { lesson: string; folder: string }) => `${e.lesson}/exercises/${e.folder}`;

interface JsonReport {
  testResults: {
    name: string;
    status: string;
    message: string;
    assertionResults: { status: string; fullName: string; failureMessages: string[] }[];
  }[];
}

/**
 * The starters' run while it runs. A starter stuck in an endless loop blocks its worker for
 * good: if the tests below give up waiting, the run and its workers are stopped, not left
 * spinning (it runs in a process group of its own for that).
 */
let running: ChildProcess | undefined;
afterAll(() => {
  if (running?.exitCode === null && running.signalCode === null) {
    process.kill(-running.pid!, 'SIGKILL');
  }
});

/** One vitest run over every exercise spec at once, on the starters, as a JSON report. */
async function runSpecsOnStarters(): Promise<JsonReport> {
  const scratch = mkdtempSync(join(tmpdir(), 'starters-'));
  const report = join(scratch, 'report.json');
  try {
    const vitest = join(
      dirname(createRequire(import.meta.url).resolve('vitest/package.json')),
      'vitest.mjs',
    );
    running = spawn(
      process.execPath,
      [vitest, 'run', '--config', join(import.meta.dirname, '..', 'starters.vitest.config.ts')],
      {
        cwd: join(import.meta.dirname, '..'),
        env: { ...process.env, EXERCISE_TARGET: 'starter', STARTERS_REPORT: report },
        stdio: 'ignore',
        detached: true,
      },
    );
    await once(running, 'exit'); // its exit code is 1 (the specs fail): that is the point
    return JSON.parse(readFileSync(report, 'utf8')) as JsonReport;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The starters' run, started by the first test that needs it, by exercise folder. */
let starterRun: Promise<Map<string, JsonReport['testResults'][number]>> | undefined;
function starterResults() {
  starterRun ??= runSpecsOnStarters().then(
    (report) =>
      new Map(report.testResults.map((file) => [relative(packagesDir, dirname(file.name)), file])),
  );
  return starterRun;
}

/**
 * The lines of a spec where `expect(…)` (or `expect.soft(…)`) has no second argument that
 * starts with "hint: ": what `pnpm exercise` shows a learner when the check fails.
 */
function expectsWithoutHint(spec: ts.SourceFile): number[] {
  const lines: number[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && /^expect(\.soft)?$/.test(node.expression.getText(spec))) {
      const message = node.arguments[1];
      if (!message || !/^['"`]hint: /.test(message.getText(spec))) {
        lines.push(spec.getLineAndCharacterOfPosition(node.getStart(spec)).line + 1);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(spec);
  return lines;
}

describe('the exercises', () => {
  it('exist: lessons 01-03 have at least two each', () => {
    for (const lesson of ['01-tcp', '02-udp', '03-handshake']) {
      expect(exercises.filter((e) => e.lesson === lesson).length, lesson).toBeGreaterThanOrEqual(2);
    }
  });

  it.each(exercises.map((e) => [name(e), e] as const))(
    '%s has a starter, a solution and a spec',
    (_, exercise) => {
      for (const file of ['starter.ts', 'solution.ts', 'exercise.test.ts']) {
        expect(existsSync(join(exercise.dir, file)), `${name(exercise)}/${file}`).toBe(true);
      }
      const spec = readFileSync(join(exercise.dir, 'exercise.test.ts'), 'utf8');
      expect(spec, 'the spec loads its target through loadExercise').toMatch(/loadExercise</);
      expect(
        readFileSync(join(exercise.dir, 'starter.ts'), 'utf8'),
        'the starter marks the work',
      ).toMatch(/TODO\(exercise\)/);
    },
  );

  it.each(exercises.map((e) => [name(e), e] as const))(
    '%s: the starter exports what the solution exports',
    async (_, exercise) => {
      const starter = await import(join(exercise.dir, 'starter.ts'));
      const solution = await import(join(exercise.dir, 'solution.ts'));
      expect(Object.keys(starter).sort()).toEqual(Object.keys(solution).sort());
    },
  );

  it('give a hint with every check: each expect( in a spec carries a hint: message', () => {
    const bare = exercises.flatMap((exercise) => {
      const path = join(exercise.dir, 'exercise.test.ts');
      const spec = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest);
      return expectsWithoutHint(spec).map((line) => `${name(exercise)}/exercise.test.ts:${line}`);
    });
    expect(bare, 'expect(value, "hint: …"): pnpm exercise shows the hint to the learner').toEqual(
      [],
    );
  });

  it('are typechecked: every lesson with exercises includes them in its tsconfig', () => {
    for (const lesson of new Set(exercises.map((e) => e.lesson))) {
      const tsconfig = JSON.parse(readFileSync(join(packagesDir, lesson, 'tsconfig.json'), 'utf8'));
      expect(tsconfig.include, `${lesson}/tsconfig.json`).toContain('exercises');
    }
  });

  it('have teeth: every spec fails on its untouched starter', { timeout: 120_000 }, async () => {
    const results = await starterResults();
    const toothless: string[] = [];
    for (const exercise of exercises) {
      const file = results.get(name(exercise));
      if (file === undefined) {
        toothless.push(`${name(exercise)}: the spec did not run`);
        continue;
      }
      const failed = file.assertionResults.filter((test) => test.status === 'failed');
      if (file.assertionResults.length === 0) {
        toothless.push(`${name(exercise)}: the spec could not load the starter: ${file.message}`);
      } else if (failed.length === 0) {
        toothless.push(
          `${name(exercise)}: all ${file.assertionResults.length} checks pass on the starter`,
        );
      }
    }
    expect(toothless, 'specs that a learner could pass without doing the exercise').toEqual([]);
  });

  it('fail fast on the starter: no check waits out its timeout', { timeout: 120_000 }, async () => {
    const results = await starterResults();
    const hanging = [...results.values()].flatMap((file) =>
      file.assertionResults
        .filter((test) => test.failureMessages.some((m) => m.includes('timed out')))
        .map((test) => `${relative(packagesDir, file.name)}: ${test.fullName}`),
    );
    expect(
      hanging,
      'checks that hang on an unfinished starter: race what they wait for with a short guard',
    ).toEqual([]);
  });
});
