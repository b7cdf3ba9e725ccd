export {
  type CertificateFiles,
  certificateFiles,
  loadTls,
  makeCertificates,
  type Tls,
} from './cert.ts';
export { ConnectionsPerIp, clientAddress, MessageRate, POLICY_VIOLATION } from './limits.ts';
export { type DeployServerOptions, serverDefaults, serverOptionsFromEnv } from './options.ts';
export {
  type DeployServer,
  type DeployServerExtensions,
  startDeployServer,
} from './server.ts';
export {
  randomSecret,
  SESSION_COOKIE,
  type Session,
  setSessionCookie,
  signSession,
  verifySession,
} from './session.ts';
