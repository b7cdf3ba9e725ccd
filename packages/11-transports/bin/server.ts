import { runMain } from '@sockets/shared';
import { serverOptionsFromEnv, startTransportsServer } from '../src/index.ts';

await runMain('transports', (log) =>
  startTransportsServer({ ...serverOptionsFromEnv(process.env), log }),
);
