import { runMain } from '@sockets/shared';
import { clientOptionsFromEnv } from '../src/options.ts';
import { startChatClient } from '../src/terminal-client.ts';

await runMain('chat', (log) => startChatClient({ ...clientOptionsFromEnv(process.env), log }));
