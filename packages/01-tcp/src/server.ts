import { createServer, type Server, type Socket } from 'node:net';
import {
  createLogger,
  explainError,
  formatUrl,
  type Logger,
  listen,
  peerName,
  quote,
} from '@sockets/shared';
import { encodeLine, LineSplitter, LineTooLongError } from './lines.ts';
import { defaults } from './options.ts';

import { plural } from './words.ts';

/** What the server answers to one line. It may take its time: replies still leave in order. */
export type Respond = (line: string) => string | Promise<string>;

export const echo: Respond = (line) => `echo: ${line}`;

export interface TcpServerOptions {
  host?: string;
  port?: number;
  maxLineBytes?: number;
  closeTimeoutMs?: number;
  respond?: Respond;
  log?: Logger;
}

export interface TcpServer {
  /** `tcp://localhost:7000`, with the port the OS really gave. */
  readonly url: string;
  readonly port: number;
  /** The node:net server underneath, for a test or an exercise that needs it. */
  readonly server: Server;
  /** Stop accepting, end every open connection politely, and wait until all are closed. */
  close(): Promise<void>;
}

interface Connection {
  readonly socket: Socket;
  readonly peer: string;
  /** Close our side (send our FIN) once every reply already due has been written. */
  endAfterReplies(): void;
}

// #region listen
export async function startTcpServer(options: TcpServerOptions = {}): Promise<TcpServer> {
  const { host = defaults.host, port = defaults.port, log = createLogger('tcp-server') } = options;
  const connections = new Set<Connection>();
  // seed: net.ResolveTCPAddr + net.ListenTCP, then listener.Accept(). node:net accepts for
  // us and calls this function once per new connection, so many clients are served at once.
  // allowHalfOpen: when a client half-closes, Node must not close our side for us: we may
  // still owe it replies (see the 'end' handler).
  const server = createServer({ allowHalfOpen: true }, (socket) =>
    serve(socket, connections, options, log),
  );
  const boundPort = await listen(server, host, port); // rejects with EADDRINUSE, EACCES…
  const url = formatUrl('tcp', host, boundPort);
  log.info(`listening on ${url}`);

  let closing: Promise<void> | undefined;
  const closeTimeoutMs = options.closeTimeoutMs ?? defaults.closeTimeoutMs;
  return {
    url,
    port: boundPort,
    server,
    close: () => {
      closing ??= shutDown(server, connections, closeTimeoutMs, log);
      return closing;
    },
  };
}
// #endregion listen

function serve(
  socket: Socket,
  connections: Set<Connection>,
  options: TcpServerOptions,
  log: Logger,
): void {
  const { maxLineBytes = defaults.maxLineBytes, respond = echo } = options;
  const peer = peerName(socket);

  // #region serve
  // Replies leave in the order the lines came, even when `respond` takes its time: each
  // one waits for the one before it.
  let replies = Promise.resolve();
  const reply = (produce: () => string | Promise<string>) => {
    replies = replies
      .then(async () => {
        const text = await produce();
        if (!socket.writable) return; // the client is gone
        // seed: conn.Write. write() returns false once replies pile up unread in memory: a
        // client that sends but does not read. This reply is done only once they drain.
        if (!socket.write(encodeLine(text))) {
          log.warn(`${peer} is not reading its replies: pausing its lines until it catches up`);
          await drainedOrClosed(socket);
        }
      })
      .catch((error: unknown) => {
        log.error(`${peer}: could not reply: ${explainError(error)}`);
        socket.destroy();
      });
  };
  let ending = false;
  const connection: Connection = {
    socket,
    peer,
    endAfterReplies: () => {
      ending = true;
      replies = replies.then(() => {
        socket.end();
      });
    },
  };
  connections.add(connection);
  log.info(`connect ${peer} (${connections.size} open)`);

  // seed: conn.Read(buf) returned whatever bytes had arrived, and treated them as one
  // message. Here every chunk goes through the splitter, and only whole lines come out.
  const splitter = new LineSplitter({ maxLineBytes });
  const answer = (line: string) => {
    log.info(`${peer} sent: ${quote(line)}`);
    reply(() => respond(line));
  };
  let refused = false;
  socket.on('data', (chunk: Buffer) => {
    if (refused) return; // after a line that is too long, we only wait for the peer to leave
    try {
      for (const line of splitter.push(chunk)) answer(line);
    } catch (error) {
      if (!(error instanceof LineTooLongError)) throw error;
      for (const line of error.linesBefore) answer(line);
      refused = true;
      log.warn(`${peer} sent a ${error.message}: refusing it and closing the connection`);
      reply(() => `error: ${error.message}`);
      connection.endAfterReplies();
    }
    // seed: the loop reads again only after it has written its reply. Here too: the next
    // chunk is read once the replies to this one are written (and drained, for a client slow
    // to read them). A slow `respond` or a client that does not read then holds the lines
    // it sends in TCP's buffers, not in our memory.
    socket.pause();
    void replies.then(() => socket.resume());
  });
  // #endregion serve

  // #region half-close
  // The client half-closed: it called end(), and its FIN arrived. It will send nothing
  // more but is still reading, so we send the replies we owe, then close our side.
  socket.on('end', () => {
    if (splitter.pendingBytes > 0) {
      log.warn(`${peer} stopped in the middle of a line: ${splitter.pendingBytes} bytes dropped`);
    }
    if (ending) return; // we closed first (shutdown, a refused line): this is the answer
    log.info(`${peer} half-closed: sending the last replies, then closing our side`);
    connection.endAfterReplies();
  });
  // #endregion half-close

  // A client that crashes or resets must not take the server down: say so and move on.
  socket.on('error', (error) => log.warn(`${peer}: ${explainError(error)}`));
  socket.on('close', () => {
    connections.delete(connection);
    log.info(`disconnect ${peer} (${connections.size} open)`);
  });
}

/** Resolves once the socket's buffered writes have gone out, or it closed before they could. */
function drainedOrClosed(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}

// #region shutdown
async function shutDown(
  server: Server,
  connections: Set<Connection>,
  closeTimeoutMs: number,
  log: Logger,
): Promise<void> {
  log.info(`closing: ending ${plural(connections.size, 'open connection')}`);
  // server.close() only stops accepting; its callback waits until every connection closed.
  const closed = new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
  // …and each connection's own 'close' (after its `disconnect` line has been logged).
  const disconnected = [...connections].map(
    ({ socket }) => new Promise((resolve) => socket.once('close', resolve)),
  );
  // Politely: the replies we owe, then our FIN. A client that reads to the end sees it and
  // closes its side too. One that does not is cut off after closeTimeoutMs.
  for (const connection of connections) connection.endAfterReplies();
  const timer = setTimeout(() => {
    for (const { socket, peer } of connections) {
      log.warn(`${peer} did not close within ${closeTimeoutMs} ms: dropping it`);
      socket.destroy();
    }
  }, closeTimeoutMs);
  try {
    await Promise.all([closed, ...disconnected]);
  } finally {
    clearTimeout(timer);
  }
}
// #endregion shutdown
