import { runMain } from '@sockets/shared';
import { clientOptionsFromEnv, runUdpClient } from '../src/index.ts';

// HOST (localhost), PORT (7001), COUNT (1), MESSAGE (hello, server!),
// READ_TIMEOUT_MS (1000), RETRIES (3). Exits 1, with the reason, on no reply.
await runMain('udp-client', async (log) => {
  await runUdpClient({ ...clientOptionsFromEnv(process.env), log });
  return undefined;
});
