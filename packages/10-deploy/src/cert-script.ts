import type { Logger } from '@sockets/shared';
import { makeCertificates } from './cert.ts';

// #region trust
/**
 * Makes the certificates and says what to do with the CA: trust it in the
 * browser (once), or hand it to a command-line client. Everything printed is
 * a path, never a key.
 */
export function runCertScript(dir: string, log: Logger): void {
  const files = makeCertificates(dir);
  log.info(`wrote ${files.caPath} (the CA), ${files.certPath} and ${files.keyPath} (the server's)`);
  log.info(
    'the CA signed the server certificate for localhost, 127.0.0.1 and ::1, and its key was thrown away',
  );
  log.info(
    `trust ${files.caPath} once in your browser: the lesson page says how on Linux, macOS and Windows, and for Firefox`,
  );
  log.info(
    `for Node clients: NODE_EXTRA_CA_CERTS=${files.caPath}; for curl: curl --cacert ${files.caPath} https://localhost:8443/login`,
  );
}
// #endregion trust
