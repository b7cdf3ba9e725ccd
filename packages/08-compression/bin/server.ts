import { runMain } from '@sockets/shared';
import { serverOptionsFromEnv, startCompressionServer } from '../src/index.ts';

runMain('compression', (log) =>
  startCompressionServer({ ...serverOptionsFromEnv(process.env), log }),
);
