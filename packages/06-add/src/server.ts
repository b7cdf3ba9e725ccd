import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import {
  handshakeDeadline,
  pageOrigins,
  refuseBadRequest,
  refuseUpgrade,
} from '@sockets/handshake';
import {
  type Closable,
  closeAll,
  closeOnce,
  createLogger,
  type Departing,
  formatUrl,
  listen,
  peerName,
  servePage,
  shutDown,
} from '@sockets/shared';
import { type WebSocket, WebSocketServer } from 'ws';
import { type AddServerOptions, serverDefaults } from './options.ts';
import { serveCalculator } from './session.ts';
import { admitUpgrade } from './upgrade.ts';

// Seed 004's WsServer: one HTTP server on one port. Plain requests get the
// page; an upgrade request to /add becomes a WebSocket, handed to ws.

/** Seed 004: `if r.URL.Path != "/add"`. */
export const CALCULATOR_PATH = '/add';

export interface AddServer extends Closable {
  /** ws://host:port/add, with the port the OS really gave. */
  url: string;
  /** http://host:port/, the calculator page. */
  pageUrl: string;
  /** The open WebSockets, as ws tracks them. */
  clients: ReadonlySet<WebSocket>;
}

export async function startAddServer(
  overrides: Partial<AddServerOptions> = {},
): Promise<AddServer> {
  const options = { ...serverDefaults, ...overrides };
  const log = options.log ?? createLogger('add');
  const page = await readFile(new URL('./page.html', import.meta.url), 'utf8');

  // #region servers
  const httpServer = createServer(handshakeDeadline(options.handshakeTimeoutMs), servePage(page));
  // A request head node:http cannot parse, or one later than the deadline: 400/408, and a log line.
  httpServer.on('clientError', (error, socket) => refuseBadRequest(error, socket, log));
  const wss = new WebSocketServer({
    // We own the HTTP server, so ws only does the upgrade we hand it.
    noServer: true,
    // Seed 004 never calls conn.SetReadLimit, so its server reads a message of
    // any size into memory. ws refuses a bigger message with close 1009.
    maxPayload: options.maxMessageBytes,
    // How long a close waits for the client's close frame before ws destroys
    // the socket (ws's default: 30 s). In ws 8.23 but not yet in @types/ws
    // 8.18, so it is spread in.
    ...{ closeTimeout: options.closeTimeoutMs },
  });
  // #endregion servers

  // #region ws-errors
  // A request to /add that is not a valid WebSocket handshake (no key, wrong
  // version…). Without this listener ws writes its own 400; with it, we log
  // and answer through the same `Error` hook as our own refusals. RFC 6455
  // §4.4: telling the client which version we speak lets it retry with that.
  wss.on('wsClientError', (error, socket, request) => {
    log.warn(`bad handshake from ${peerName(request.socket)}: ${error.message}, answered 400`);
    refuseUpgrade(socket, 400, error.message, { 'Sec-WebSocket-Version': '13' });
  });
  // #endregion ws-errors

  const port = await listen(httpServer, options.host, options.port);
  const url = formatUrl('ws', options.host, port, CALCULATOR_PATH);
  const pageUrl = formatUrl('http', options.host, port, '/');
  const gate = {
    path: CALCULATOR_PATH,
    // The default depends on the port we really got, so it is filled in here.
    allowedOrigins: options.allowedOrigins ?? pageOrigins(options.host, port),
    log,
  };

  // #region upgrade
  const sessions = new Set<Departing>();
  httpServer.on('upgrade', (request, socket, head) => {
    if (!admitUpgrade(request, socket, gate)) return;
    wss.handleUpgrade(request, socket, head, (webSocket) => {
      const remote = peerName(request.socket);
      log.info(`establish connection to client ${remote}`);
      const session = serveCalculator(webSocket, remote, {
        readTimeoutMs: options.readTimeoutMs,
        sendBufferLimit: options.sendBufferLimit,
        log,
      });
      sessions.add(session);
      void session.closed.then(() => sessions.delete(session));
    });
  });
  // #endregion upgrade

  log.info(`listening on ${url}`);
  log.info(`open ${pageUrl} in a browser for the calculator page`);

  return {
    url,
    pageUrl,
    clients: wss.clients,
    // #region shutdown
    // Lesson 01's policy: stop taking connections, 1001 to every client, and
    // after closeTimeoutMs drop whoever has not answered, with a log line each.
    close: closeOnce(() =>
      shutDown(httpServer, () => closeAll(sessions, options.closeTimeoutMs, log)),
    ),
    // #endregion shutdown
  };
}
