import cluster from 'node:cluster';
import { runMain } from '@sockets/shared';
import { runWorker } from '../src/cluster.ts';
import { serverOptionsFromEnv } from '../src/options.ts';
import { startScale } from '../src/start.ts';

// With WORKERS=n this file runs n + 1 times: once as the primary, which checks
// the settings and starts the workers, and once in each worker (src/cluster.ts).
// async, so that a bad setting (thrown while reading the environment) reaches
// runMain as a rejection, which it explains in one line.
if (cluster.isWorker) await runWorker(serverOptionsFromEnv(process.env));
else
  await runMain('scale', async (log) => startScale({ ...serverOptionsFromEnv(process.env), log }));
