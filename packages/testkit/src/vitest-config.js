import { defineConfig } from 'vitest/config';

// Plain JavaScript, not TypeScript: each package's vitest.config.ts re-exports
// it, and Node loads a workspace package's file as it is, without a TS loader.

// One vitest configuration for every package. The JSON report is what
// scripts/test.mjs adds up into the closing `tests: N passed, N failed` line.
export default defineConfig({
  test: {
    // A lesson's own tests, and its exercises' specs (run against their solutions).
    include: ['test/**/*.test.ts', 'exercises/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
    // Generous limits: these tests open real sockets and sometimes a browser on
    // a 2-core machine that runs other packages' tests at the same time. They
    // wait for events, never for the clock, so a passing test is not slowed.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
