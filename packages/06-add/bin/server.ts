// pnpm lesson add server: the add-calculator and its page (seed 004's ws_server.go).
import { runMain } from '@sockets/shared';
import { serverOptionsFromEnv } from '../src/options.ts';
import { startAddServer } from '../src/server.ts';

await runMain('add', (log) => startAddServer({ ...serverOptionsFromEnv(process.env), log }));
