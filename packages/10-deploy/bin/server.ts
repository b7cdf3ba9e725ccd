import { runMain } from '@sockets/shared';
import { serverOptionsFromEnv } from '../src/options.ts';
import { startDeployProcess } from '../src/start.ts';

await runMain('deploy', (log) => startDeployProcess({ ...serverOptionsFromEnv(process.env), log }));
