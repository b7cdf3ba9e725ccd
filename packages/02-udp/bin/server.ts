import { runMain } from '@sockets/shared';
import { serverOptionsFromEnv, startUdpServer } from '../src/index.ts';

// HOST (localhost), PORT (7001), DROP_FIRST (0). Ctrl+C closes the socket.
await runMain('udp-server', (log) => startUdpServer({ ...serverOptionsFromEnv(process.env), log }));
