import { runMain } from '@sockets/shared';
import { deploymentOptionsFromEnv, startDeployment } from '../src/deployment.ts';

await runMain('proxy', (log) => startDeployment({ ...deploymentOptionsFromEnv(process.env), log }));
