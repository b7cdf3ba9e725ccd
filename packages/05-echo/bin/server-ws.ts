import { runMain } from '@sockets/shared';
import { serverOptionsFromEnv, startWsEchoServer } from '../src/index.ts';

runMain('echo-ws', (log) => startWsEchoServer({ ...serverOptionsFromEnv(process.env), log }));
