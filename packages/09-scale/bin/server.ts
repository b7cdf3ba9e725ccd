import { runMain } from '@sockets/shared';
import { scaleOptionsFromEnv } from '../src/options.ts';
import { startScale } from '../src/start.ts';

await runMain('scale', (log) => startScale({ ...scaleOptionsFromEnv(process.env), log }));
