// pnpm lesson add client: seed 004's ws_client.go. Exits 0 after COUNT replies.
import { explainError, runMain } from '@sockets/shared';
import { startAddClient } from '../src/client.ts';
import { clientOptionsFromEnv } from '../src/options.ts';

await runMain('client', async (log) => {
  const client = await startAddClient({ ...clientOptionsFromEnv(process.env), log });
  client.done.catch((error: unknown) => {
    log.error(explainError(error));
    process.exitCode = 1;
  });
  return client;
});
