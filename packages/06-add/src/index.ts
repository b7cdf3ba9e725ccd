export { answer, parseRequest, type Reply, type RequestId } from './calculator.ts';
export { type AddClient, startAddClient } from './client.ts';
export {
  type AddClientOptions,
  type AddServerOptions,
  clientDefaults,
  clientOptionsFromEnv,
  serverDefaults,
  serverOptionsFromEnv,
} from './options.ts';
export { type AddServer, CALCULATOR_PATH, startAddServer } from './server.ts';
export { type SessionOptions, serveCalculator } from './session.ts';
export { admitUpgrade, type UpgradeGate } from './upgrade.ts';
