import { explainError, runMain } from '@sockets/shared';
import { clientOptionsFromEnv, startCompressionClient } from '../src/index.ts';

runMain('client', async (log) => {
  const client = await startCompressionClient({ ...clientOptionsFromEnv(process.env), log });
  // As lesson 05's client: a connection that ended badly makes the exit code 1.
  client.finished.catch((error: unknown) => {
    log.error(explainError(error));
    process.exitCode = 1;
  });
  return client;
});
