// pnpm lesson tcp server   (HOST, PORT=7000, MAX_LINE_BYTES=512, CLOSE_TIMEOUT_MS=2000)
import { runMain } from '@sockets/shared';
import { optionsFromEnv, startTcpServer } from '../src/index.ts';

await runMain('tcp-server', (log) => startTcpServer({ ...optionsFromEnv(process.env), log }));
