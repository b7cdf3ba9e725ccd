// `pnpm lesson <lesson> <script> [NAME=value …]`: run a lesson's script from the repo root.
//   pnpm lesson tcp server        pnpm lesson 05 client COUNT=3        pnpm lesson echo server:ws
// A lesson is named by its number (05), its folder (05-echo) or its name (echo).
// `NAME=value` arguments become the lesson's environment variables, which is how every
// lesson reads its options (PORT=9000, COUNT=3): this form works in every shell, Windows
// PowerShell and cmd included, where `PORT=9000 pnpm …` does not. Other arguments are passed
// on to the script (`pnpm lesson frames annotate 81 80`).
import { spawn } from 'node:child_process';
import { findLesson, findLessons } from './lessons.mjs';

const lessons = findLessons();

/** A runnable script is `tsx bin/<file>.ts` (CONTRIBUTING.md); this is its file. */
function fileOf(command) {
  return /^tsx (bin\/[\w-]+\.ts)$/.exec(command ?? '')?.[1];
}

function usage(message) {
  if (message) console.error(`${message}\n`);
  console.error('usage: pnpm lesson <lesson> <script> [NAME=value …]\n');
  for (const { folder, manifest } of lessons) {
    const scripts = Object.keys(manifest.scripts ?? {}).filter((s) => fileOf(manifest.scripts[s]));
    console.error(`  ${folder.padEnd(14)} ${scripts.join(', ')}`);
  }
  console.error('\ne.g. pnpm lesson echo server PORT=9000   (each lesson page lists its options)');
  process.exit(message ? 1 : 0);
}

/**
 * Splits the arguments after the script into `NAME=value` options and the rest. An argument
 * that looks like an option but is not quite one is refused with the reason, rather than
 * passed on to be ignored: the lesson would run with its default and nobody would know why.
 */
function parseArguments(args) {
  const env = {};
  const rest = [];
  for (const arg of args) {
    const [, name, value] = /^([A-Za-z_][\w.-]*)=(.*)$/s.exec(arg) ?? [];
    if (name === undefined) {
      rest.push(arg);
    } else if (!/^[A-Z][A-Z0-9_]*$/.test(name)) {
      const upper = name.toUpperCase().replace(/[.-]/g, '_');
      throw new Error(
        `"${arg}": option names are UPPER_SNAKE_CASE, like the environment variables the ` +
          `lessons read. Did you mean ${upper}=${value}?`,
      );
    } else if (value === '') {
      throw new Error(`"${arg}" has no value: write ${name}=<value>, with no space after the =`);
    } else {
      env[name] = value;
    }
  }
  return { env, rest };
}

const [wanted, script, ...after] = process.argv.slice(2);
if (!wanted) usage();
const lesson = findLesson(lessons, wanted);
if (!lesson) usage(`no lesson called "${wanted}"`);
const file = fileOf(lesson.manifest.scripts?.[script]);
if (!file) usage(`lesson ${lesson.folder} has no script "${script ?? ''}"`);
let options;
try {
  options = parseArguments(after);
} catch (error) {
  console.error(`${error.message}\n\nusage: pnpm lesson <lesson> <script> [NAME=value …]`);
  process.exit(1);
}

// The script's own command, `tsx bin/<file>.ts`, run here as node with tsx's loader (as the
// tests' startScript does) rather than through `pnpm run`: on Ctrl+C, pnpm run reports
// "ELIFECYCLE Command failed" and exit status 130 even when the lesson closed cleanly and
// exited 0, and a learner would think it broke.
const child = spawn(process.execPath, ['--import', 'tsx', file, ...options.rest], {
  cwd: lesson.dir,
  env: { ...process.env, ...options.env },
  stdio: 'inherit',
});
// Ctrl+C reaches the lesson too (the terminal signals the whole foreground process group):
// we wait for it to close cleanly and exit with its status.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => {});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
