import type { Socket } from 'node:net';
import { CloseCode } from '@sockets/frames';
import { handleUpgrade, handshakeDefaults, pageOrigins } from '@sockets/handshake';
import {
  type Closable,
  closeOnce,
  createLogger,
  formatUrl,
  type Logger,
  listen,
  peerName,
  shutDown,
} from '@sockets/shared';
import { type CloseInfo, Connection, describeClose, type MessageHandler } from './connection.ts';
import { echoMessages } from './echo.ts';
import { createHttpServer, ECHO_PATH } from './http.ts';
import { type EchoServerOptions, serverDefaults } from './options.ts';

// Seed 001's server, `http.HandleFunc("/echo", echo)` and `upgrader.Upgrade`,
// built only on lessons 03 and 04: node:http parses the request, lesson 03
// decides the handshake, connection.ts speaks frames, echo.ts echoes.

export interface EchoServer extends Closable {
  /** ws://host:port/echo, with the port the OS really gave. */
  url: string;
  /** http://host:port/, the page. */
  pageUrl: string;
  /** The open WebSocket connections. */
  connections: ReadonlySet<Connection>;
}

/**
 * What the server does with one connection: made when it opens. The lesson's
 * is seed 001's echo; a workshop exercise can plug in another (a reverse
 * echo, a message counter) and keep everything else.
 */
export interface Session {
  onMessage: MessageHandler;
  /** The line logged once the connection has closed; default `<name> closed: <codes>`. */
  closedLine?(info: CloseInfo): string;
}

/** Called for each new connection, with the peer's name (`127.0.0.1:56724`). */
export type SessionFactory = (name: string, log: Logger) => Session;

const echoSession: SessionFactory = (_name, log) => ({ onMessage: echoMessages(log) });

// #region start
export async function startEchoServer(
  overrides: Partial<EchoServerOptions> = {},
  newSession: SessionFactory = echoSession,
): Promise<EchoServer> {
  const options = { ...serverDefaults, ...overrides };
  const log = options.log ?? createLogger('echo');
  const httpServer = await createHttpServer(options.handshakeTimeoutMs, log, options.page);
  const port = await listen(httpServer, options.host, options.port);
  const handshake = {
    ...handshakeDefaults,
    handshakeTimeoutMs: options.handshakeTimeoutMs,
    paths: [ECHO_PATH],
    protocols: [],
    // The default depends on the port we really got, so it is filled in here.
    allowedOrigins: options.allowedOrigins ?? pageOrigins(options.host, port),
    extensions: options.extensions?.answer,
    log,
  };
  const connections = new Set<Connection>();
  // #endregion start

  // #region upgrade
  httpServer.on('upgrade', (request, socket, head) => {
    // Lesson 03's rules (Host, version, key, Origin …): a 101, or an HTTP error already sent.
    const accepted = handleUpgrade(request, socket, head, handshake);
    if (accepted === undefined) return;
    const name = peerName(socket);
    const session = newSession(name, log);
    const connection = new Connection(accepted.socket as Socket, accepted.head, {
      role: 'server',
      name,
      maxMessageBytes: options.maxMessageBytes,
      idleTimeoutMs: options.idleTimeoutMs,
      closeTimeoutMs: options.closeTimeoutMs,
      log,
      onMessage: session.onMessage,
      extension:
        accepted.extensions === undefined
          ? undefined
          : options.extensions?.start(accepted.extensions, 'server'),
    });
    connections.add(connection);
    connection.closed.then((info) => {
      connections.delete(connection);
      log.info(session.closedLine?.(info) ?? `${name} closed: ${describeClose(info)}`);
    });
  });
  // #endregion upgrade

  const url = formatUrl('ws', options.host, port, ECHO_PATH);
  const pageUrl = formatUrl('http', options.host, port, '/');
  log.info(`listening on ${url}`);
  log.info(`open ${pageUrl} in a browser for the echo page`);

  return {
    url,
    pageUrl,
    connections,
    // #region shutdown
    // Stop accepting, then §7.4.1's 1001 "going away" to every client. Each
    // Connection waits at most closeTimeoutMs for the answer, then drops the
    // peer with a log line itself (connection.ts), as lesson 01's server does.
    close: closeOnce(() =>
      shutDown(httpServer, async () => {
        const open = [...connections];
        for (const connection of open)
          connection.close(CloseCode.goingAway, 'server shutting down');
        await Promise.all(open.map((connection) => connection.closed));
      }),
    ),
    // #endregion shutdown
  };
}
