import { runMain } from '@sockets/shared';
import { serverOptionsFromEnv, startHandshakeServer } from '../src/index.ts';

runMain('handshake', (log) => startHandshakeServer({ ...serverOptionsFromEnv(process.env), log }));
