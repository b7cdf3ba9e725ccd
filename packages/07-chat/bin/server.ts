import { runMain } from '@sockets/shared';
import { serverOptionsFromEnv } from '../src/options.ts';
import { startChatServer } from '../src/server.ts';

await runMain('chat', (log) => startChatServer({ ...serverOptionsFromEnv(process.env), log }));
