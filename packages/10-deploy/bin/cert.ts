import { envString, runMain } from '@sockets/shared';
import { runCertScript } from '../src/cert-script.ts';
import { serverDefaults } from '../src/options.ts';

await runMain('deploy', async (log) => {
  runCertScript(envString(process.env, 'CERT_DIR', serverDefaults.certDir), log);
  return undefined;
});
