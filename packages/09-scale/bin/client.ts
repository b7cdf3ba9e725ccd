import { runMain } from '@sockets/shared';
import { scaleClientOptionsFromEnv } from '../src/options.ts';
import { startScaleClient } from '../src/terminal-client.ts';

await runMain('scale', (log) =>
  startScaleClient({ ...scaleClientOptionsFromEnv(process.env), log }),
);
