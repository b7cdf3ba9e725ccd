import { explainError, runMain } from '@sockets/shared';
import { clientOptionsFromEnv, startEchoClient } from '../src/index.ts';

runMain('client', async (log) => {
  const client = await startEchoClient({ ...clientOptionsFromEnv(process.env), log });
  // The process exits by itself once the connection is gone (COUNT reached, or
  // the server left); a connection that ended badly makes that exit code 1.
  client.finished.catch((error: unknown) => {
    log.error(explainError(error));
    process.exitCode = 1;
  });
  return client;
});
