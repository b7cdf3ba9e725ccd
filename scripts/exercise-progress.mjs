// `pnpm exercise` loads this into the process that runs an exercise's checks (a vitest setup
// file). It writes down, synchronously, which check starts: if that check never ends (an
// endless loop blocks this process for good), exercise.mjs reads the file to say which check
// it was, and stops this process by its pid.
import { writeFileSync } from 'node:fs';
import { beforeEach } from 'vitest';

/** `check` is null while the spec and the file it checks are still loading. */
function starting(check) {
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: exercise.mjs sets it; not a turbo task
  writeFileSync(process.env.EXERCISE_PROGRESS, JSON.stringify({ pid: process.pid, check }));
}

starting(null);
beforeEach(({ task }) => starting(task.fullTestName));
