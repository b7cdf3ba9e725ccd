import { runMain } from '@sockets/shared';
import { clientOptionsFromEnv, runHandshakeClient } from '../src/index.ts';

runMain('handshake-client', async (log) => {
  await runHandshakeClient({ ...clientOptionsFromEnv(process.env), log });
  return undefined;
});
