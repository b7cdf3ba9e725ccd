import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Every exercise folder holds the learner's `starter.ts` (with TODOs), the
// reference `solution.ts` (same exports) and a spec, `exercise.test.ts`, that
// loads one of them through this function:
//
//   const { frameLength } = await loadExercise<typeof import('./solution.ts')>(import.meta.url);
//
// EXERCISE_TARGET=starter checks the learner's work (`pnpm exercise …`);
// anything else checks the reference solution, so the lesson's own test run
// keeps every spec and solution honest.

export type ExerciseTarget = 'starter' | 'solution';

export function exerciseTarget(): ExerciseTarget {
  return process.env.EXERCISE_TARGET === 'starter' ? 'starter' : 'solution';
}

export async function loadExercise<Module>(specUrl: string): Promise<Module> {
  const folder = dirname(fileURLToPath(specUrl));
  return (await import(join(folder, `${exerciseTarget()}.ts`))) as Module;
}
