import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// The configuration of the one vitest run that test/exercises.test.ts starts: every
// exercise spec of every lesson, at once, with EXERCISE_TARGET=starter, reported as JSON
// to the file the test names. One run rather than one per exercise keeps it quick.
export default defineConfig({
  root: join(import.meta.dirname, '..'),
  test: {
    include: ['*/exercises/*/exercise.test.ts'],
    reporters: [['json', { outputFile: process.env.STARTERS_REPORT ?? 'starters-report.json' }]],
    // A check that waits for something the starter never does must fail fast, not hang: a
    // learner runs these on unfinished code. The test below reports any that time out.
    testTimeout: 10_000,
    hookTimeout: 10_000,
  },
});
