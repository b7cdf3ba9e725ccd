export { runUdpClient } from './client.ts';
export {
  type ClientOptions,
  clientDefaults,
  clientOptionsFromEnv,
  type ServerOptions,
  serverDefaults,
  serverOptionsFromEnv,
  type UdpClientOptions,
} from './options.ts';
export { preview } from './preview.ts';
export { startUdpServer, type UdpServer } from './server.ts';
export { socketTypeFor } from './socket-type.ts';
export { NoReplyError, openUdpClient, type UdpClient } from './udp-client.ts';
