import type { IncomingMessage } from 'node:http';
import { CloseCode, isNormalClose } from '@sockets/frames';
import { type Closable, createLogger, type Logger, quote } from '@sockets/shared';
import { WebSocket } from 'ws';
import { type AddClientOptions, clientDefaults } from './options.ts';

// Seed 004's ws_client.go: dial with a Cookie header, print the handshake
// response headers, then send `{"A":7,"B":4}` and print each sum, one second
// apart. It sends the seed's capitalised fields on purpose: the page uses
// `a` and `b`, and the server answers each in its own spelling.

export interface AddClient extends Closable {
  /** Settles once the client is done: resolves after its own close, rejects if the server ended it. */
  done: Promise<void>;
}

// #region dial
/**
 * Resolves once the handshake has succeeded. Seed 004 writes
 * `defer resp.Body.Close()` before it checks Dial's error, and on a refused
 * connection `resp` is nil, so the client panics instead of reporting. Here
 * each outcome is its own event: `open`, `unexpected-response` (the server
 * answered the upgrade with an HTTP error: we print its status and body), or
 * `error` (no answer at all, such as ECONNREFUSED).
 */
function dial(options: AddClientOptions, log: Logger): Promise<WebSocket> {
  const socket = new WebSocket(options.url, {
    // seed 004: `header := http.Header{"Cookie": []string{"name=zcy"}}`
    headers: { Cookie: 'name=zcy' },
    handshakeTimeout: options.handshakeTimeoutMs,
    // Over it, ws fails the connection with 1009 (RFC 6455 §7.4.1).
    maxPayload: options.maxMessageBytes,
  });
  return new Promise((resolve, reject) => {
    socket.once('upgrade', (response: IncomingMessage) => {
      log.info('handshake response header');
      const { rawHeaders } = response;
      for (let i = 0; i < rawHeaders.length; i += 2) {
        log.info(`  ${rawHeaders[i]}: ${quote(rawHeaders[i + 1])}`);
      }
    });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
    socket.once('unexpected-response', async (_request, response: IncomingMessage) => {
      let body = '';
      for await (const chunk of response.setEncoding('utf8')) body += chunk;
      reject(
        new Error(
          `dial server error: HTTP ${response.statusCode} ${response.statusMessage}: ${body.trim()}`,
        ),
      );
      socket.terminate();
    });
  });
}
// #endregion dial

export async function startAddClient(
  overrides: Partial<AddClientOptions> = {},
): Promise<AddClient> {
  const options = { ...clientDefaults, ...overrides };
  const log = options.log ?? createLogger('client');
  const socket = await dial(options, log);

  // #region requests
  // Seed 004 writes a request, waits for its reply, sleeps, and goes again.
  // It never closes: it sleeps 30 s and exits, and the server sees the TCP
  // connection vanish (1006). We say goodbye with 1000 once we are done.
  let sent = 0;
  let pause: NodeJS.Timeout | undefined;
  let closing = false;
  // Seed 004's ReadJSON reads one reply per request. A message while we wait
  // for none is not a reply: were it one, each would start its own timer, and
  // a server could make us send as fast as it talks, timers piling up.
  let awaitingReply = false;
  const finish = () => {
    closing = true;
    clearTimeout(pause);
    socket.close(CloseCode.normal, 'done');
  };
  const sendNext = () => {
    if (sent === options.count) return finish();
    sent += 1;
    const request = JSON.stringify({ A: options.a, B: options.b });
    socket.send(request);
    awaitingReply = true;
    log.info(`write request ${request}`);
  };
  socket.on('message', (data) => {
    if (!awaitingReply) {
      log.warn(`a reply to no request: ${quote(data.toString())}`);
      return;
    }
    awaitingReply = false;
    printReply(data.toString(), log);
    pause = setTimeout(sendNext, options.intervalMs);
  });
  // #endregion requests

  // #region done
  const done = new Promise<void>((resolve, reject) => {
    // An error (a reply over maxMessageBytes, a reset) ends the connection
    // from our side: that error, not the close code, says what went wrong.
    let failure: Error | undefined;
    socket.on('error', (error) => {
      failure = error;
      log.warn(`connection error: ${error.message}`);
    });
    socket.on('close', (code, reason) => {
      clearTimeout(pause);
      const said = `${code}${reason.length > 0 ? ` ${quote(reason.toString())}` : ''}`;
      log.info(`closed: ${said}`);
      if (closing && isNormalClose(code)) resolve();
      else reject(failure ?? new Error(`the server ended the connection: ${said}`));
    });
  });
  // #endregion done

  sendNext();
  return {
    done,
    async close() {
      if (socket.readyState !== WebSocket.CLOSED) finish();
      await done.catch(() => undefined);
    },
  };
}

/** Seed 004 prints `receive response: 11`; an error reply or a surprise is a warning. */
function printReply(text: string, log: Logger): void {
  let reply: { Sum?: unknown; error?: unknown } | null = null;
  try {
    reply = JSON.parse(text);
  } catch {
    // Not JSON at all: reported below like any other reply we did not expect.
  }
  if (typeof reply?.Sum === 'number') log.info(`receive response: ${reply.Sum}`);
  else if (typeof reply?.error === 'string') log.warn(`receive error: ${quote(reply.error)}`);
  else log.warn(`receive unexpected reply: ${quote(text)}`);
}
