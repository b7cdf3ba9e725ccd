export { startTcpClient, type TcpClient, type TcpClientOptions } from './client.ts';
export { encodeLine, LineSplitter, LineTooLongError } from './lines.ts';
export { defaults, optionsFromEnv, type TcpOptions } from './options.ts';
export {
  echo,
  type Respond,
  startTcpServer,
  type TcpServer,
  type TcpServerOptions,
} from './server.ts';
