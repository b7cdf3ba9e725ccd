import { CloseCode } from '@sockets/frames';
import { isOriginAllowed, pageOrigins } from '@sockets/handshake';
import {
  closeAll,
  closeOnce,
  createLogger,
  type Departing,
  formatUrl,
  listen,
  peerName,
  quote,
  SEND_BUFFER_LIMIT,
  shutDown,
} from '@sockets/shared';
import { WebSocketServer } from 'ws';
import { preview } from './echo.ts';
import { createHttpServer, ECHO_PATH } from './http.ts';
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
    path: ECHO_PATH,
    maxPayload: options.maxMessageBytes,
    verifyClient: ({ origin }, done) => done(isOriginAllowed(origin, allowedOrigins), 403),
    // We keep the set, for shutdown.
    clientTracking: false,
    // How long a close waits for the peer's close frame before ws destroys
    // the socket (ws's default: 30 s). In ws 8.23 but not yet in @types/ws
    // 8.18, so it is spread in.
    ...{ closeTimeout: options.closeTimeoutMs },
  });
  const open = new Set<Departing>();
  wss.on('connection', (webSocket, request) => {
    const name = peerName(request.socket);
    const connection: Departing = {
      name,
      goAway: () => webSocket.close(CloseCode.goingAway, 'server shutting down'),
      closed: new Promise((resolve) => webSocket.once('close', resolve)),
      drop: () => webSocket.terminate(),
    };
    open.add(connection);
    log.info(`${name} upgraded to WebSocket on ${ECHO_PATH}`);
    webSocket.on('message', (data: Buffer, isBinary) => {
      log.debug(`recv: ${preview(isBinary ? 'binary' : 'text', data)}`);
      webSocket.send(data, { binary: isBinary }, () => {
        if (webSocket.bufferedAmount < SEND_BUFFER_LIMIT) webSocket.resume();
      });
      if (webSocket.bufferedAmount >= SEND_BUFFER_LIMIT) webSocket.pause();
    });
    if (options.idleTimeoutMs > 0) {
      request.socket.setTimeout(options.idleTimeoutMs, () =>
        webSocket.close(CloseCode.goingAway, 'idle timeout'),
      );
    }
    webSocket.on('error', (error) => log.warn(`failing ${name}: ${error.message}`));
    webSocket.on('close', (code, reason) => {
      open.delete(connection);
      log.info(`${name} closed: ${code} ${quote(reason.toString())}`);
    });
  });
  // #endregion ws-echo
  wss.on('error', (error) => log.error(error.message));

  const url = formatUrl('ws', options.host, port, ECHO_PATH);
  log.info(`listening on ${url}`);
  return {
    url,
    pageUrl: formatUrl('http', options.host, port, '/'),
    // #region ws-shutdown
    // The same policy as ours: stop accepting, 1001 to everyone, and after
    // closeTimeoutMs drop whoever has not answered, with a log line each.
    close: closeOnce(() => shutDown(httpServer, () => closeAll(open, options.closeTimeoutMs, log))),
    // #endregion ws-shutdown
  };
}
