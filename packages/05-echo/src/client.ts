import {
  CloseCode,
  describeCloseCode,
  isNormalClose,
  type MessageExtension,
  receiverDefaults,
} from '@sockets/frames';
import { clientHandshake } from '@sockets/handshake';
import { type Closable, createLogger } from '@sockets/shared';
import { type CloseInfo, Connection, describeClose } from './connection.ts';
import { preview } from './echo.ts';
import { clientDefaults, type EchoClientOptions } from './options.ts';

// Seed 001's client: dial ws://localhost:8080/echo, print every message that
// comes back, and send `hello, server!` once a second. The seed reads in a
// goroutine and writes in a loop; on Node the 'data' event is the reader and
// a timer is the loop. (The seed also declares a `websocket.Upgrader` and
// names `http.Request` without importing net/http, so it does not compile:
// a client needs only the dialer.)

export interface EchoClient extends Closable {
  /**
   * Settles when the connection is over: resolves after a normal close (1000,
   * or 1001 from a server shutting down), rejects saying why otherwise.
   */
  finished: Promise<void>;
}

// #region client
export async function startEchoClient(
  overrides: Partial<EchoClientOptions> = {},
): Promise<EchoClient> {
  const options = { ...clientDefaults, ...overrides };
  const log = options.log ?? createLogger('client');
  // Lesson 03 by hand: a refused handshake or ECONNREFUSED rejects here.
  const { socket, head, extensions } = await clientHandshake(options.url, {
    handshakeTimeoutMs: options.handshakeTimeoutMs,
    extensions: options.extensions?.offer(),
  });
  const extension = startExtension(options, extensions, () => socket.destroy());
  log.info(`connected to ${options.url}`);
  const message = Buffer.from(options.text);
  let replies = 0;
  const connection = new Connection(socket, head, {
    role: 'client',
    name: options.url,
    maxMessageBytes: receiverDefaults.maxMessageBytes,
    idleTimeoutMs: 0,
    closeTimeoutMs: options.closeTimeoutMs,
    log,
    extension,
    onMessage: (connection, type, data) => {
      log.info(`recv: ${preview(type, data)}`);
      replies += 1;
      // COUNT=n: after n replies, a normal close (§7.4.1 1000).
      if (replies === options.count) connection.close(CloseCode.normal, 'done');
    },
  });
  // Seed 001's WriteMessage blocks while the server reads nothing, so its loop
  // waits. A timer does not wait: each message sent then would queue in our
  // memory behind the unsent ones, without end. So a tick is skipped while our
  // writes have not drained (the connection stops reading for that same reason).
  let holding = false;
  const sendUnlessBackedUp = () => {
    if (connection.readingPaused) {
      if (!holding) log.warn('the server is not reading: holding messages back until it does');
      holding = true;
      return;
    }
    holding = false;
    connection.send('text', message);
  };
  // The seed writes first and then sleeps: the first message goes at once.
  sendUnlessBackedUp();
  const timer = setInterval(sendUnlessBackedUp, options.intervalMs);
  const finished = connection.closed.then((info) => {
    clearInterval(timer);
    log.info(`closed: ${describeClose(info)}`);
    const problem = whatWentWrong(info);
    if (problem !== undefined) throw new Error(problem);
  });
  return {
    finished,
    async close() {
      // Ctrl+C: the client is going away (§7.4.1 1001), as a browser leaving a page is.
      connection.close(CloseCode.goingAway, 'client going away');
      await connection.closed;
    },
  };
}
// #endregion client

/** The agreed extension; an answer we cannot accept fails the connection (RFC 7692 §5). */
function startExtension(
  options: EchoClientOptions,
  agreed: string | undefined,
  hangUp: () => void,
): MessageExtension | undefined {
  if (agreed === undefined || options.extensions === undefined) return undefined;
  try {
    return options.extensions.start(agreed, 'client');
  } catch (error) {
    hangUp();
    throw error;
  }
}

/** Why a close was not the normal end of a conversation, or undefined when it was. */
function whatWentWrong(info: CloseInfo): string | undefined {
  if (info.sent !== undefined && !isNormalClose(info.sent.code)) {
    return `the server broke the protocol: we closed with ${describeCloseCode(info.sent.code)}: ${info.sent.reason}`;
  }
  if (!isNormalClose(info.code)) return `the connection ended abnormally: ${describeClose(info)}`;
  return undefined;
}
