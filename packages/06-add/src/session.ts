import { CloseCode, isNormalClose } from '@sockets/frames';
import { type Departing, type Logger, quote } from '@sockets/shared';
import type { RawData, WebSocket } from 'ws';
import { answer } from './calculator.ts';

// One browser tab or client program, from the 101 to the close: seed 004's
// `handleConnection`. Go runs it as a goroutine that loops on ReadJSON; in
// Node the loop is the `message` event, and the deadline is a timer.

export interface SessionOptions {
  /** How long the client may stay silent before we close the connection; 0: for ever. */
  readTimeoutMs: number;
  /** How many bytes of replies may wait unsent before we stop reading requests. */
  sendBufferLimit: number;
  log: Logger;
}

/** Serves one connection; returns what the server's shutdown needs of it. */
export function serveCalculator(
  socket: WebSocket,
  remote: string,
  options: SessionOptions,
): Departing {
  const { readTimeoutMs, sendBufferLimit, log } = options;

  // #region read-deadline
  // Seed 004 calls `conn.SetReadDeadline(time.Now().Add(20 * time.Second))`
  // before every ReadJSON: a client that sends nothing for 20 s is dropped, so
  // a vanished peer cannot hold a connection forever. Here the deadline is a
  // timer that every message pushes back. When it fires we close with 1001
  // "going away" (RFC 6455 §7.4.1): the server is leaving an idle connection,
  // which is an ordinary end, so a client that treats 1000/1001 as normal (as
  // seed 004 does) does not report an error. 1008 "policy violation" would be
  // wrong: no message broke a rule, there was no message at all. 0 means no
  // deadline, as a zero time.Time does in Go.
  const deadline =
    readTimeoutMs > 0
      ? setTimeout(() => {
          // While we hold its requests back (see backpressure below) none can
          // arrive, so the same deadline drops a client that stopped reading.
          if (socket.isPaused) {
            log.info(`${remote} has not read its replies for ${readTimeoutMs} ms: closing`);
            closeAndReadOn(CloseCode.goingAway, `replies unread for ${readTimeoutMs} ms`);
          } else {
            log.info(`read message timeout, remote ${remote}`);
            closeAndReadOn(CloseCode.goingAway, `no request for ${readTimeoutMs} ms`);
          }
        }, readTimeoutMs)
      : undefined;
  // #endregion read-deadline

  // #region backpressure
  // Seed 004 reads a request, then writes its reply, and WriteJSON blocks
  // while the kernel's buffer for this client is full: its loop stops reading
  // by itself. ws's send() never blocks, it queues. A client that sends and
  // never reads would make us queue replies without end (and a one-byte bad
  // request gets a reply of forty), so we do what the blocking write did:
  // while more than sendBufferLimit bytes wait, read no more of its requests.
  // TCP's flow control then keeps the rest in the client's buffers, not ours.
  // ws reads a socket chunk (up to 64 KiB) in one go, so the replies to the
  // rest of that chunk still join the queue after the pause.
  const holdBackRequests = () => {
    if (socket.isPaused || socket.bufferedAmount < sendBufferLimit) return;
    log.debug(`stopped reading from ${remote}: ${socket.bufferedAmount} bytes of replies unsent`);
    socket.pause();
  };
  /** send()'s callback: a reply has left for the kernel. */
  const readOnIfDrained = () => {
    if (!socket.isPaused || socket.bufferedAmount >= sendBufferLimit) return;
    if (socket.readyState !== socket.OPEN) return;
    log.debug(`resumed reading from ${remote}`);
    socket.resume();
  };
  /**
   * Our close frame, and reading on even if we had stopped: the client's
   * close frame, or the end of its TCP connection, must get through, or ws
   * holds the socket until closeTimeoutMs. Requests that come meanwhile go
   * unanswered.
   */
  const closeAndReadOn = (code: number, reason: string) => {
    socket.close(code, reason);
    socket.resume();
  };
  // #endregion backpressure

  // #region message
  socket.on('message', (data: RawData, isBinary: boolean) => {
    // RFC 6455 §7.1.2: after our close frame we send no more data, so a
    // request that crossed it goes unanswered (and pushes no deadline back).
    if (socket.readyState !== socket.OPEN) return;
    deadline?.refresh();
    if (isBinary) {
      // RFC 6455 §7.4.1: 1003, "a type of data it cannot accept".
      log.warn(`binary message from ${remote}: closing with 1003`);
      closeAndReadOn(CloseCode.unsupportedData, 'send JSON as a text message');
      return;
    }
    const reply = answer(data.toString());
    if ('error' in reply) log.warn(`bad request from ${remote}: ${reply.error}`);
    else log.debug(`write response ${quote(reply)} to ${remote}`);
    socket.send(JSON.stringify(reply), readOnIfDrained);
    holdBackRequests();
  });
  // #endregion message

  // #region close
  // ws reports a broken frame, a message over maxPayload (it closes with 1009
  // itself) or a reset socket here. Without a listener Node would throw the
  // error and take the whole server down.
  socket.on('error', (error) => log.warn(`connection from ${remote}: ${error.message}`));

  socket.on('close', (code: number, reason: Buffer) => {
    clearTimeout(deadline);
    const said = `${code}${reason.length > 0 ? ` ${quote(reason.toString())}` : ''}`;
    if (isNormalClose(code)) log.info(`connection from ${remote} closed: ${said}`);
    else log.warn(`read message from ${remote} error: unexpected close ${said}`);
  });
  // #endregion close

  return {
    name: remote,
    // 1001, and reading on so that the client's answer gets through.
    goAway: () => closeAndReadOn(CloseCode.goingAway, 'server shutting down'),
    closed: new Promise((resolve) => socket.once('close', resolve)),
    drop: () => socket.terminate(),
  };
}
