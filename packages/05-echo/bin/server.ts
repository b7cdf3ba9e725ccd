import { runMain } from '@sockets/shared';
import { serverOptionsFromEnv, startEchoServer } from '../src/index.ts';

runMain('echo', (log) => startEchoServer({ ...serverOptionsFromEnv(process.env), log }));
