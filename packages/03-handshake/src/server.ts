import { createServer, type Socket } from 'node:net';
import { createLogger, formatUrl, type Logger, listen, peerName, quote } from '@sockets/shared';
import { pageOrigins } from './origin.ts';
import { type AcceptedHandshake, serverHandshake } from './server-handshake.ts';

// #region server-options
export interface HandshakeServerOptions {
  host: string;
  port: number;
  handshakeTimeoutMs: number;
  maxHeaderBytes: number;
  /** Default: the origins of a page served by this host and port (see origin.ts). */
  allowedOrigins?: readonly string[];
  /** Default `/chat`, the path of seed 000's request. */
  path?: string;
  /** Default seed 000's `chat, superchat`. */
  protocols?: readonly string[];
  log?: Logger;
}

export interface HandshakeServer {
  url: string;
  close(): Promise<void>;
}
// #endregion server-options

/**
 * RFC 6455 §5.5.1 and §7.4.1: the one frame this lesson writes, a close frame
 * with status 1001 "going away", sent to every client when the server stops.
 * 0x88 = FIN + opcode 8 (close); 0x02 = not masked, 2 payload bytes; 0x03E9 = 1001.
 * Lesson 04 builds frames properly.
 */
const goingAwayFrame = Buffer.from([0x88, 0x02, 0x03, 0xe9]);

// #region server
/**
 * The lesson's server: performs handshakes on raw TCP and prints each request
 * and response, as seed 004 prints the headers it receives. Reading frames is
 * lesson 04, so after the 101 it holds the connection, reports how many bytes
 * of frames arrive, and on close() says goodbye with a 1001 close frame.
 */
export async function startHandshakeServer(
  options: HandshakeServerOptions,
): Promise<HandshakeServer> {
  const log = options.log ?? createLogger('handshake');
  const path = options.path ?? '/chat';
  const connections = new Set<Socket>();
  const upgraded = new Set<Socket>();
  const server = createServer();
  const port = await listen(server, options.host, options.port);
  const handshakeOptions = {
    handshakeTimeoutMs: options.handshakeTimeoutMs,
    maxHeaderBytes: options.maxHeaderBytes,
    paths: [path],
    protocols: options.protocols ?? ['chat', 'superchat'],
    allowedOrigins: options.allowedOrigins ?? pageOrigins(options.host, port),
    log,
  };

  server.on('connection', async (socket) => {
    connections.add(socket);
    socket.once('close', () => {
      connections.delete(socket);
      upgraded.delete(socket);
    });
    log.info(`${peerName(socket)} connected`);
    const accepted = await serverHandshake(socket, handshakeOptions);
    if (accepted === undefined) return;
    upgraded.add(socket);
    printHandshake(accepted, log);
    hold(accepted, log);
  });

  const url = formatUrl('ws', options.host, port, path);
  log.info(`listening on ${url}`);
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of connections) {
          if (upgraded.has(socket)) socket.end(goingAwayFrame, () => socket.destroy());
          else socket.destroy();
        }
      }),
  };
}
// #endregion server

function printHandshake({ socket, request, response }: AcceptedHandshake, log: Logger): void {
  // The request is the peer's text: the target and each header value quoted
  // (see `quote`), so none of it can forge a log line or reach the terminal
  // as a command. The response is ours.
  log.info(`request from ${peerName(socket)}:`);
  log.info(`  ${request.method} ${quote(request.target)} HTTP/${request.httpVersion}`);
  for (const [name, value] of request.fields) log.info(`  ${name}: ${quote(value)}`);
  log.info('response:');
  for (const line of response.trimEnd().split('\r\n')) log.info(`  ${line}`);
}

function hold({ socket, head }: AcceptedHandshake, log: Logger): void {
  const peer = peerName(socket);
  const report = (bytes: number) =>
    log.info(`${peer} sent ${bytes} bytes of WebSocket frames (lesson 04 reads them)`);
  if (head.length > 0) report(head.length);
  socket.on('data', (chunk: Buffer) => report(chunk.length));
  socket.on('error', (error) => log.warn(`${peer}: ${error.message}`));
  socket.on('close', () => log.info(`${peer} disconnected`));
}
