import { isOriginAllowed, pageOrigins } from '@sockets/handshake';
import {
  createLogger,
  formatUrl,
  listen,
  peerName,
  quote,
  SEND_BUFFER_LIMIT,
} from '@sockets/shared';
import { WebSocket, WebSocketServer } from 'ws';
import { preview } from './echo.ts';
import { createHttpServer, echoPath } from './http.ts';
import { type EchoServerOptions, serverDefaults } from './options.ts';
import type { EchoServer } from './server.ts';

// The same echo server with ws, for comparison: same page, same path, same
// options where ws has them. Everything connection.ts does by hand (frames,
// masking, ping/pong, UTF-8, the close handshake, 1002/1007/1009) happens
// inside `new WebSocketServer`.

export async function startWsEchoServer(
  overrides: Partial<EchoServerOptions> = {},
): Promise<Omit<EchoServer, 'connections'>> {
  const options = { ...serverDefaults, ...overrides };
  const log = options.log ?? createLogger('echo-ws');
  const httpServer = await createHttpServer(options.handshakeTimeoutMs, log);
  const port = await listen(httpServer, options.host, options.port);
  const allowedOrigins = options.allowedOrigins ?? pageOrigins(options.host, port);

  // #region ws-echo
  const wss = new WebSocketServer({
    server: httpServer,
    path: echoPath,
    maxPayload: options.maxMessageBytes,
    verifyClient: ({ origin }, done) => done(isOriginAllowed(origin, allowedOrigins), 403),
  });
  wss.on('connection', (webSocket, request) => {
    const name = peerName(request.socket);
    log.info(`${name} upgraded to WebSocket on ${echoPath}`);
    webSocket.on('message', (data: Buffer, isBinary) => {
      log.debug(`recv: ${preview(isBinary ? 'binary' : 'text', data)}`);
      webSocket.send(data, { binary: isBinary }, () => {
        if (webSocket.bufferedAmount < SEND_BUFFER_LIMIT) webSocket.resume();
      });
      if (webSocket.bufferedAmount >= SEND_BUFFER_LIMIT) webSocket.pause();
    });
    if (options.idleTimeoutMs > 0) {
      request.socket.setTimeout(options.idleTimeoutMs, () => webSocket.close(1001, 'idle timeout'));
    }
    webSocket.on('error', (error) => log.warn(`failing ${name}: ${error.message}`));
    webSocket.on('close', (code, reason) =>
      log.info(`${name} closed: ${code} ${quote(reason.toString())}`),
    );
  });
  // #endregion ws-echo
  wss.on('error', (error) => log.error(error.message));

  const url = formatUrl('ws', options.host, port, echoPath);
  log.info(`listening on ${url}`);
  return {
    url,
    pageUrl: formatUrl('http', options.host, port, '/'),
    // #region ws-shutdown
    async close() {
      const httpClosed = new Promise((resolve) => httpServer.close(resolve));
      httpServer.closeAllConnections();
      const open = [...wss.clients];
      for (const webSocket of open) webSocket.close(1001, 'server shutting down');
      // ws waits 30 s for the answer, with no option to change it.
      const late = setTimeout(() => {
        for (const webSocket of open) webSocket.terminate();
      }, options.closeTimeoutMs);
      await Promise.all(open.map(closedOf));
      clearTimeout(late);
      await httpClosed;
    },
    // #endregion ws-shutdown
  };
}

function closedOf(webSocket: WebSocket): Promise<void> {
  if (webSocket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => webSocket.once('close', () => resolve()));
}
