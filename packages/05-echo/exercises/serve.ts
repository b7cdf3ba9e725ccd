import type { Socket } from 'node:net';
import { CloseCode } from '@sockets/frames';
import { handleUpgrade, handshakeDefaults, pageOrigins } from '@sockets/handshake';
import { type Closable, formatUrl, type Logger, listen, peerName } from '@sockets/shared';
import {
  type CloseInfo,
  Connection,
  describeClose,
  type MessageHandler,
} from '../src/connection.ts';
import { createHttpServer, echoPath } from '../src/http.ts';
import { type EchoServerOptions, serverDefaults } from '../src/options.ts';

// The exercises' server: src/server.ts with one change. startEchoServer always
// echoes (`echoMessages(log)`); this one asks the exercise, once per
// connection, what to do with that connection's messages and what to log when
// it closes. Everything else (lesson 03's handshake, lesson 04's frames,
// Connection's close handshake and backpressure) is the lesson's own code.

/** What the server keeps for one connection: made when it opens, dropped when it closes. */
export interface Session {
  onMessage: MessageHandler;
  /** The line logged once the connection has closed; default `<name> closed: <codes>`. */
  closedLine?(info: CloseInfo): string;
}

/** Called for each new connection, with the peer's name (`127.0.0.1:56724`). */
export type SessionFactory = (name: string, log: Logger) => Session;

export interface ExerciseServer extends Closable {
  url: string;
}

export async function startServerWith(
  newSession: SessionFactory,
  overrides: Partial<EchoServerOptions> & { log: Logger },
): Promise<ExerciseServer> {
  const options = { ...serverDefaults, ...overrides };
  const { log } = overrides;
  const httpServer = await createHttpServer(options.handshakeTimeoutMs, log);
  const port = await listen(httpServer, options.host, options.port);
  const handshake = {
    ...handshakeDefaults,
    handshakeTimeoutMs: options.handshakeTimeoutMs,
    paths: [echoPath],
    protocols: [],
    allowedOrigins: options.allowedOrigins ?? pageOrigins(options.host, port),
    log,
  };
  const connections = new Set<Connection>();

  httpServer.on('upgrade', (request, socket, head) => {
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
    });
    connections.add(connection);
    connection.closed.then((info) => {
      connections.delete(connection);
      log.info(session.closedLine?.(info) ?? `${name} closed: ${describeClose(info)}`);
    });
  });

  const url = formatUrl('ws', options.host, port, echoPath);
  log.info(`listening on ${url}`);
  return {
    url,
    async close() {
      const httpClosed = new Promise((resolve) => httpServer.close(resolve));
      httpServer.closeAllConnections();
      const open = [...connections];
      for (const connection of open) connection.close(CloseCode.goingAway, 'server shutting down');
      await Promise.all(open.map((connection) => connection.closed));
      await httpClosed;
    },
  };
}
