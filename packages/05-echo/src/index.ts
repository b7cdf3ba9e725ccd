export { type EchoClient, startEchoClient } from './client.ts';
export {
  type CloseInfo,
  Connection,
  type ConnectionOptions,
  describeClose,
  type MessageHandler,
  type MessageType,
} from './connection.ts';
export { echoMessages, preview } from './echo.ts';
export { createHttpServer, ECHO_PATH } from './http.ts';
export {
  clientDefaults,
  clientOptionsFromEnv,
  type EchoClientOptions,
  type EchoServerOptions,
  type ExtensionSupport,
  serverDefaults,
  serverOptionsFromEnv,
} from './options.ts';
export { type EchoServer, type Session, type SessionFactory, startEchoServer } from './server.ts';
export { startWsEchoServer } from './ws-server.ts';
