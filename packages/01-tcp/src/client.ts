import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import {
  createLogger,
  explainError,
  formatUrl,
  type Logger,
  localName,
  quote,
} from '@sockets/shared';
import { encodeLine, LineSplitter } from './lines.ts';
import { defaults } from './options.ts';

import { plural } from './words.ts';

export interface TcpClientOptions {
  host?: string;
  port?: number;
  /** How many lines to send before half-closing (no limit by default: until close()). */
  count?: number;
  intervalMs?: number;
  message?: string;
  maxLineBytes?: number;
  log?: Logger;
}

export interface TcpClient {
  /** `tcp://localhost:7000`: where the client is connected. */
  readonly url: string;
  readonly socket: Socket;
  /**
   * Every reply, once the server has closed its side too. Rejects on a socket error such as
   * ECONNRESET (which the client has already logged, explained).
   */
  readonly finished: Promise<string[]>;
  /** Stop sending, half-close, and wait for the server's last replies and its FIN. */
  close(): Promise<void>;
}

export async function startTcpClient(options: TcpClientOptions = {}): Promise<TcpClient> {
  const {
    host = defaults.host,
    port = defaults.port,
    count = defaults.count,
    intervalMs = defaults.intervalMs,
    message = defaults.message,
    maxLineBytes = defaults.maxLineBytes,
    log = createLogger('tcp-client'),
  } = options;
  const url = formatUrl('tcp', host, port);

  // #region dial
  // seed: net.ResolveTCPAddr + net.DialTCP. connect() looks the name up and dials; waiting
  // for 'connect' rejects with ECONNREFUSED when nothing listens there.
  const socket = connect({ host, port });
  try {
    await once(socket, 'connect');
  } catch (error) {
    throw namingServer(error, host, port);
  }
  log.info(`connected to ${url} from ${localName(socket)}`);
  // #endregion dial

  // #region receive
  // seed: conn.Read(buf[0:]) into a 512-byte buffer, once, as if one read were one reply.
  // Here every chunk goes through the same splitter as on the server.
  const splitter = new LineSplitter({ maxLineBytes });
  const replies: string[] = [];
  let sent = 0;
  socket.on('data', (chunk: Buffer) => {
    try {
      for (const line of splitter.push(chunk)) {
        // One reply per line: a server that sends more is not ours, and keeping all it sends
        // would let it fill our memory.
        if (replies.length === sent) {
          throw new Error(
            `the server sent more replies than we sent lines (${sent}): this is not our protocol`,
          );
        }
        replies.push(line);
        log.info(`recv: ${quote(line)}`);
      }
    } catch (error) {
      socket.destroy(error as Error); // a reply too long, or too many: not our server's protocol
    }
  });
  // #endregion receive

  // #region send
  let timer: NodeJS.Timeout | undefined;
  const sendNext = () => {
    sent += 1;
    const line = `${message} #${sent}`;
    socket.write(encodeLine(line)); // seed: conn.Write
    log.info(`sent: ${line}`);
    if (sent >= count) halfClose();
    else timer = setTimeout(sendNext, intervalMs);
  };
  // Half-close: end() sends our FIN, which tells the server we will send nothing more. Our
  // side stays open for reading until the server's FIN says it is done too.
  const halfClose = () => {
    clearTimeout(timer);
    if (socket.writableEnded || socket.destroyed) return;
    socket.end();
    log.info(`sent ${plural(sent, 'line')}: half-closing, still reading the replies`);
  };
  // #endregion send

  const finished = new Promise<string[]>((resolve, reject) => {
    socket.on('end', () => {
      clearTimeout(timer); // the server is gone: nobody to send to any more
      log.info(
        `the server closed the connection after ${plural(replies.length, 'reply', 'replies')}`,
      );
    });
    socket.on('error', (error) => {
      const named = namingServer(error, host, port);
      log.error(explainError(named));
      reject(named);
    });
    socket.on('close', (hadError) => {
      clearTimeout(timer);
      if (!hadError) resolve(replies);
    });
  });
  // Logged above; whoever awaits `finished` still sees the rejection.
  finished.catch(() => {});

  if (count > 0) sendNext();
  else halfClose();

  return {
    url,
    socket,
    finished,
    close: async () => {
      halfClose();
      await finished.catch(() => {});
    },
  };
}

/** An error from a read (ECONNRESET) carries no address: name the server, so the message can. */
function namingServer(error: unknown, host: string, port: number): unknown {
  if (error instanceof Error && !('address' in error)) {
    Object.assign(error, { address: host, port });
  }
  return error;
}
