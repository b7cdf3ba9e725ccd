// pnpm lesson lesson-name server   (HOST, PORT=7099)
import { runMain } from '@sockets/shared';
import { serverOptionsFromEnv, startServer } from '../src/index.ts';

await runMain('lesson-name', (log) => startServer({ ...serverOptionsFromEnv(process.env), log }));
