import { runMain } from '@sockets/shared';
import { serverOptionsFromEnv, startTransportsServer } from '../src/index.ts';

// async, so that a bad setting (TICK_MS=often) is a rejected start, which
// runMain explains in one line, and not a throw before runMain can catch it.
await runMain('transports', async (log) =>
  startTransportsServer({ ...serverOptionsFromEnv(process.env), log }),
);
