import { runMain } from '@sockets/shared';
import { deployOptionsFromEnv } from '../src/options.ts';
import { startDeployProcess } from '../src/start.ts';

await runMain('deploy', (log) => startDeployProcess({ ...deployOptionsFromEnv(process.env), log }));
