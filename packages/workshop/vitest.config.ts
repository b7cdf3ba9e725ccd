import config from '@sockets/testkit/vitest-config';
import { defineConfig, mergeConfig } from 'vitest/config';

// testkit's configuration, plus the template's own tests: the lesson `pnpm new-lesson`
// generates must pass them, so they run here, on the template itself.
export default mergeConfig(
  config,
  defineConfig({ test: { include: ['template/test/**/*.test.ts'] } }),
);
