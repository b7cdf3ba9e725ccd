// `pnpm lesson <lesson> <script>`: run a lesson's script from the repo root.
//   pnpm lesson tcp server        pnpm lesson 05 client        pnpm lesson echo server:ws
// A lesson is named by its number (05), its folder (05-echo) or its name (echo).
// Environment variables pass through: PORT=9000 pnpm lesson echo server
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findLesson, findLessons } from './lessons.mjs';

const lessons = findLessons();

function usage(message) {
  if (message) console.error(`${message}\n`);
  console.error('usage: pnpm lesson <lesson> <script>\n');
  for (const { folder, manifest } of lessons) {
    const scripts = Object.keys(manifest.scripts ?? {}).filter(
      (s) => !['test', 'typecheck', 'lint'].includes(s),
    );
    console.error(`  ${folder.padEnd(14)} ${scripts.join(', ')}`);
  }
  process.exit(message ? 1 : 0);
}

const [wanted, script, ...rest] = process.argv.slice(2);
if (!wanted) usage();
const lesson = findLesson(lessons, wanted);
if (!lesson) usage(`no lesson called "${wanted}"`);
if (!script || !lesson.manifest.scripts?.[script])
  usage(`lesson ${lesson.folder} has no script "${script ?? ''}"`);

// Run it through pnpm (the one that runs us), from the lesson's folder.
// biome-ignore lint/suspicious/noUndeclaredEnvVars: pnpm sets it for us; this script is not a turbo task
const pnpm = process.env.npm_execpath;
const [command, args] =
  pnpm && existsSync(pnpm)
    ? [process.execPath, [pnpm, 'run', '--silent', script, ...rest]]
    : ['pnpm', ['run', '--silent', script, ...rest]];
const child = spawn(command, args, { cwd: lesson.dir, stdio: 'inherit' });
// Ctrl+C reaches the lesson too (same terminal); we wait for it to close cleanly.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => {});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
