import { createServer, type Socket } from 'node:net';
import { createLogger, formatUrl, type Logger, listen, peerName } from '@sockets/shared';
import { type ServerOptions, serverDefaults } from './options.ts';

// The skeleton of a lesson's server: it greets each client with one line and closes. Replace
// the greeting with what the lesson teaches; keep the shape (an async start that resolves
// once it listens, one ready line, a close() that waits until everything is closed).

export interface Server {
  /** `tcp://localhost:7099`, with the port the OS really gave. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

// #region server
export async function startServer(
  options: Partial<ServerOptions> & { log?: Logger } = {},
): Promise<Server> {
  const {
    host = serverDefaults.host,
    port = serverDefaults.port,
    log = createLogger('lesson-name'),
  } = options;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    const peer = peerName(socket);
    log.info(`connect ${peer}`);
    socket.on('error', (error) => log.warn(`${peer}: ${error.message}`));
    socket.on('close', () => {
      sockets.delete(socket);
      log.info(`disconnect ${peer}`);
    });
    socket.end('hello from lesson-name\n');
  });
  const boundPort = await listen(server, host, port); // rejects with EADDRINUSE, EACCES…
  const url = formatUrl('tcp', host, boundPort);
  log.info(`listening on ${url}`);
  return {
    url,
    port: boundPort,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
// #endregion server
