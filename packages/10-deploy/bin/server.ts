import { runMain } from '@sockets/shared';
import { deployOptionsFromEnv } from '../src/options.ts';
import { startDeployServer } from '../src/server.ts';

await runMain('deploy', (log) => startDeployServer({ ...deployOptionsFromEnv(process.env), log }));
