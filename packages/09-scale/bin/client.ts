import { runMain } from '@sockets/shared';
import { clientOptionsFromEnv } from '../src/options.ts';
import { startScaleClient } from '../src/terminal-client.ts';

// async, so that a bad setting (thrown while reading the environment) reaches
// runMain as a rejection, which it explains in one line.
await runMain('scale', async (log) =>
  startScaleClient({ ...clientOptionsFromEnv(process.env), log }),
);
