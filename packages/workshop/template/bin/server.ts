// pnpm lesson lesson-name server   (HOST, PORT=7099)
import { runMain } from '@sockets/shared';
import { optionsFromEnv, startServer } from '../src/index.ts';

await runMain('lesson-name', (log) => startServer({ ...optionsFromEnv(process.env), log }));
