// `pnpm exercise <lesson> <n> [--solution]`: check your work on an exercise.
//   pnpm exercise                 lists every exercise, lesson by lesson
//   pnpm exercise tcp 1           runs the spec of packages/01-tcp/exercises/1-*/ on starter.ts
//   pnpm exercise 01 1 --solution runs it on the reference solution.ts instead
// A lesson is named as for `pnpm lesson`: 01, 01-tcp or tcp. The exit code is 0 only when
// every check passes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
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
const collector = {
  onTestRunEnd(testModules, unhandledErrors) {
    for (const testModule of testModules) {
      for (const error of testModule.errors()) brokenFiles.push(error.message);
      for (const test of testModule.children.allTests()) {
        const result = test.result();
        tests.push({ name: test.fullName, state: result.state, errors: result.errors ?? [] });
      }
    }
    for (const error of unhandledErrors) brokenFiles.push(error.message);
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
const vitest = await startVitest(
  'test',
  [spec],
  { root: lesson.dir, watch: false, reporters: [collector] },
  {},
  {},
);
await vitest?.close();
// #endregion run

// #region report
const tty = process.stdout.isTTY;
const paint = (code, text) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);

/**
 * The lines of a failure that help: the spec's `hint: …` (fast-check keeps the failing
 * assertion as the error's cause), else the error's first line; and fast-check's
 * counterexample, the smallest input it found that fails.
 */
function hintsOf(error) {
  const message = String(error.message ?? error);
  const cause = String(error.cause?.message ?? '');
  const hint = /hint: .*/.exec(message)?.[0] ?? /hint: .*/.exec(cause)?.[0];
  const counterexample = /^Counterexample: .*/m.exec(message)?.[0];
  return [hint ?? (cause.split('\n', 1)[0] || message.split('\n', 1)[0]), counterexample].filter(
    Boolean,
  );
}

for (const test of tests) {
  if (test.state === 'passed') console.log(`  ${paint(32, '✓')} ${test.name}`);
  else if (test.state === 'failed') {
    console.log(`  ${paint(31, '✗')} ${test.name}`);
    for (const line of test.errors.slice(0, 1).flatMap(hintsOf)) {
      console.log(`      ${paint(33, line)}`);
    }
  } else console.log(`  - ${test.name} (skipped)`);
}
for (const message of brokenFiles) {
  console.log(`  ${paint(31, '✗')} the spec could not run: ${message.split('\n', 1)[0]}`);
}

const passed = tests.filter((t) => t.state === 'passed').length;
const allPass = passed === tests.length && tests.length > 0 && brokenFiles.length === 0;
console.log('');
if (allPass) {
  console.log(paint(32, `all ${passed} checks pass`));
} else if (tests.length === 0) {
  console.log(paint(31, 'no check ran: fix the error above first (does your file compile?)'));
} else {
  console.log(`${passed} of ${tests.length} checks pass — keep going`);
}
process.exitCode = allPass ? 0 : 1;
// #endregion report
