export { runUdpClient } from './client.ts';
export {
  type ClientOptions,
  clientOptionsFromEnv,
  defaultPort,
  type ServerOptions,
  serverOptionsFromEnv,
} from './options.ts';
export { preview } from './preview.ts';
export { startUdpServer, type UdpServer } from './server.ts';
export { socketTypeFor } from './socket-type.ts';
export {
  NoReplyError,
  openUdpClient,
  type UdpClient,
  type UdpClientOptions,
} from './udp-client.ts';
