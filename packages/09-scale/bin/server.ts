import { runMain } from '@sockets/shared';
import { serverOptionsFromEnv } from '../src/options.ts';
import { startScale } from '../src/start.ts';

// async, so that a bad setting (thrown while reading the environment) reaches
// runMain as a rejection, which it explains in one line.
await runMain('scale', async (log) => startScale({ ...serverOptionsFromEnv(process.env), log }));
