// pnpm lesson tcp client   (HOST, PORT=7000, COUNT, INTERVAL_MS=1000, MESSAGE, MAX_LINE_BYTES)
import { runMain } from '@sockets/shared';
import { optionsFromEnv, startTcpClient } from '../src/index.ts';

await runMain('tcp-client', async (log) => {
  const client = await startTcpClient({ ...optionsFromEnv(process.env), log });
  // The client has explained the error already (ECONNRESET…); the exit status says it too.
  client.finished.catch(() => {
    process.exitCode = 1;
  });
  return client;
});
