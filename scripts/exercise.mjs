// `pnpm exercise <lesson> <n> [--solution]`: check your work on an exercise.
//   pnpm exercise                 lists every exercise, lesson by lesson
//   pnpm exercise tcp 1           runs the spec of packages/01-tcp/exercises/1-*/ on starter.ts
//   pnpm exercise 01 1 --solution runs it on the reference solution.ts instead
// A lesson is named as for `pnpm lesson`: 01, 01-tcp or tcp. The exit code is 0 only when
// every check passes. Each check gets 10 s; one that never ends (an endless loop) is stopped
// and named, and a file that does not compile is shown at the line where it breaks.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { findLesson, findLessons } from './lessons.mjs';

const root = join(import.meta.dirname, '..');

// #region discover
/** Every lesson with its exercises (`exercises/<n>-<slug>/`). */
function findLessonsWithExercises() {
  return findLessons().map((lesson) => {
    const exercisesDir = join(lesson.dir, 'exercises');
    const exercises = existsSync(exercisesDir)
      ? readdirSync(exercisesDir, { withFileTypes: true })
          .filter((entry) => entry.isDirectory() && /^\d+-/.test(entry.name))
          .map((entry) => exerciseIn(join(exercisesDir, entry.name)))
          .sort((a, b) => a.number - b.number)
      : [];
    return { ...lesson, exercises };
  });
}

function exerciseIn(dir) {
  const folder = dir.split(/[/\\]/).pop();
  const [number, ...slug] = folder.split('-');
  return { dir, folder, number: Number(number), slug: slug.join('-'), title: titleOf(dir, slug) };
}

/** The starter's first line says what the exercise is: `// Exercise 01.1: length-prefixed framing.` */
function titleOf(dir, slug) {
  const starter = join(dir, 'starter.ts');
  const firstLine = existsSync(starter) ? readFileSync(starter, 'utf8').split('\n', 1)[0] : '';
  const title = /^\/\/ Exercise [\d.]+: (.+?)(\.\s|\.?$)/.exec(firstLine)?.[1] ?? slug.join(' ');
  return title.charAt(0).toUpperCase() + title.slice(1);
}
// #endregion discover

function list(lessons, message) {
  if (message) console.log(`${message}\n`);
  console.log('usage: pnpm exercise <lesson> <n> [--solution]\n');
  for (const lesson of lessons.filter((l) => l.exercises.length > 0)) {
    console.log(lesson.folder);
    for (const exercise of lesson.exercises) {
      console.log(`  ${String(exercise.number).padStart(2)}  ${exercise.title}`);
    }
  }
  console.log('\ne.g. pnpm exercise 01 1   (your starter.ts)   pnpm exercise 01 1 --solution');
  process.exit(message ? 1 : 0);
}

const args = process.argv.slice(2);
const target = args.includes('--solution') ? 'solution' : 'starter';
const [wantedLesson, wantedExercise] = args.filter((arg) => arg !== '--solution');
const lessons = findLessonsWithExercises();
if (!wantedLesson) list(lessons);
const lesson = findLesson(lessons, wantedLesson);
if (!lesson) list(lessons, `no lesson called "${wantedLesson}"`);
if (!wantedExercise) list(lessons, `which exercise of ${lesson.folder}? Give its number.`);
const exercise = lesson.exercises.find((e) =>
  [String(e.number), e.folder, e.slug].includes(wantedExercise),
);
if (!exercise) list(lessons, `lesson ${lesson.folder} has no exercise "${wantedExercise}"`);

// #region run
// vitest's node API, with a reporter that only collects: the spec runs as in the lesson's
// own test run (same config, same workers), and the report below is all the learner sees.
const tests = [];
const brokenFiles = [];

// A check gets checkTimeoutMs; vitest fails one that waits longer. A check stuck in an endless
// loop blocks the process that runs it, vitest's timer included, and that process goes quiet:
// after checkTimeoutMs and some slack without news, we stop it ourselves. The process writes
// which check it starts to a file as it goes (exercise-progress.mjs), because its last
// messages to us may never leave it.
const checkTimeoutMs = 10_000;
const slackMs = 5_000;
const scratch = mkdtempSync(join(tmpdir(), 'exercise-'));
const progressFile = join(scratch, 'progress.json');
process.env.EXERCISE_PROGRESS = progressFile; // vitest's workers inherit it
let hung; // the check we stopped, if one never finished
let watchdog;
function watch() {
  clearTimeout(watchdog);
  watchdog = setTimeout(() => {
    // No file yet: the worker is still starting (a slow machine), not stuck in our code.
    if (!existsSync(progressFile)) return watch();
    const { pid, check } = JSON.parse(readFileSync(progressFile, 'utf8'));
    hung = check ?? `loading ${file}`;
    process.kill(pid, 'SIGKILL');
  }, checkTimeoutMs + slackMs);
}

const collector = {
  onTestRunStart: watch,
  onTestModuleCollected: watch,
  onTestModuleStart: watch,
  onTestCaseReady: watch,
  onTestCaseResult: watch,
  onTestRunEnd(testModules, unhandledErrors) {
    clearTimeout(watchdog);
    for (const testModule of testModules) {
      for (const error of testModule.errors()) brokenFiles.push(error);
      for (const test of testModule.children.allTests()) {
        const result = test.result();
        tests.push({ name: test.fullName, state: result.state, errors: result.errors ?? [] });
      }
    }
    brokenFiles.push(...unhandledErrors);
  },
};

// The spec reads this (loadExercise in @sockets/testkit) to choose starter.ts or solution.ts;
// vitest's workers inherit it.
process.env.EXERCISE_TARGET = target;
const { startVitest } = await import('vitest/node');
const spec = relative(lesson.dir, join(exercise.dir, 'exercise.test.ts'));
const file = relative(root, join(exercise.dir, `${target}.ts`));
console.log(`\nExercise ${lesson.number}.${exercise.number} · ${exercise.title}`);
console.log(`checking ${file}\n`);
try {
  const vitest = await startVitest(
    'test',
    [spec],
    {
      root: lesson.dir,
      watch: false,
      reporters: [collector],
      setupFiles: [join(import.meta.dirname, 'exercise-progress.mjs')],
      testTimeout: checkTimeoutMs,
      hookTimeout: checkTimeoutMs,
    },
    {},
    {},
  );
  await vitest?.close();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
// #endregion run

// #region report
const tty = process.stdout.isTTY;
const paint = (code, text) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
const plain = (text) => (tty ? text : stripVTControlCharacters(text));
const seconds = (ms) => `${ms / 1000} s`;

/**
 * The lines of a failure that help: the spec's `hint: …`, then vitest's diff of what was
 * expected and what came, whole (its one-line message cuts long values short), and
 * fast-check's counterexample, the smallest input it found that fails. fast-check keeps the
 * failing assertion as the error's cause.
 */
function linesOf(error) {
  const message = String(error.message ?? error);
  const timedOut = /^Test timed out in (\d+)ms/.exec(message);
  if (timedOut) {
    return [
      `did not finish in ${seconds(Number(timedOut[1]))}: is it waiting for something that never comes?`,
    ];
  }
  const failed = error.cause?.message ? error.cause : error;
  const text = String(failed.message ?? failed);
  const first = /hint: .*/.exec(text)?.[0] ?? text.split('\n', 1)[0];
  const counterexample = /^Counterexample: .*/m.exec(message)?.[0];
  if (!failed.diff) return [first, counterexample].filter(Boolean);
  return [
    first.replace(/: expected .*/, ''),
    ...plain(failed.diff)
      .split('\n')
      .filter((line) => line.trim() !== ''),
    counterexample,
  ].filter((line) => line !== undefined);
}

/** A file that could not load: where it breaks (file:line:column) and that line, or the error. */
function linesOfBroken(error) {
  const here = (text) => text.replaceAll(`${root}/`, '').replaceAll(`${root}\\`, '');
  const named = error.name && error.name !== 'Error' ? `${error.name}: ` : '';
  const message = here(`${named}${error.message ?? error}`)
    .replace(/^Transform failed with .*\n/, '')
    .replace(': ERROR: ', ': ');
  const at = error.stacks?.find((frame) => frame.file.startsWith(exercise.dir));
  const where =
    at && !message.includes(here(at.file)) ? [`at ${here(at.file)}:${at.line}:${at.column}`] : [];
  // The code frame: the lines around the error, numbered, and a ^ under it (vitest passes on
  // the bundler's error, frame included, under this name).
  const frame = String(error.__vitest_rollup_error__?.frame ?? '')
    .split('\n')
    .filter((line) => /^\s*\d*\s*\|/.test(line) && line.trim() !== '|');
  return [...message.split('\n'), ...where, ...frame];
}

/** The lines of one check: ✓ or ✗ and its name, and what went wrong. */
function report(test, lines) {
  if (test.state === 'passed') return [`  ${paint(32, '✓')} ${test.name}`];
  if (test.state !== 'failed') return [`  - ${test.name} (skipped)`];
  return [`  ${paint(31, '✗')} ${test.name}`, ...lines.map((line) => `      ${paint(33, line)}`)];
}

if (hung) {
  // The checks before it ran, but their results were still on their way when it stuck.
  console.log(`  ${paint(31, '✗')} ${hung}`);
  console.log(
    `      ${paint(33, `did not finish in ${seconds(checkTimeoutMs + slackMs)}: is there a loop that never ends? (stopped)`)}`,
  );
} else {
  // A starter that throws `TODO: …` fails every check the same way: the first few say so.
  const shownTodos = 3;
  let todos = 0;
  for (const test of tests) {
    const lines = test.errors.slice(0, 1).flatMap(linesOf);
    if (lines[0]?.startsWith('TODO') && ++todos > shownTodos) continue;
    for (const line of report(test, lines)) console.log(line);
  }
  if (todos > shownTodos) {
    console.log(`  … and ${todos - shownTodos} more checks that stop at a TODO of ${target}.ts`);
  }
  for (const error of brokenFiles) {
    console.log(`  ${paint(31, '✗')} the checks could not start:`);
    for (const line of linesOfBroken(error)) console.log(`      ${paint(33, line)}`);
  }
}

const passed = tests.filter((t) => t.state === 'passed').length;
const allPass = passed === tests.length && tests.length > 0 && brokenFiles.length === 0 && !hung;
console.log('');
if (allPass) {
  console.log(paint(32, `all ${passed} checks pass`));
} else if (hung) {
  console.log(paint(31, 'a check did not finish: fix it first, then run this again'));
} else if (tests.length === 0) {
  console.log(paint(31, 'no check ran: fix the error above first'));
} else {
  console.log(`${passed} of ${tests.length} checks pass — keep going`);
}
process.exitCode = allPass ? 0 : 1;
// #endregion report
