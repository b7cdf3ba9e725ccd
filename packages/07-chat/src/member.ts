import { once } from 'node:events';
import type { Socket } from 'node:net';
import { quote } from '@sockets/shared';
import { type RawData, WebSocket } from 'ws';
import type { Hub } from './hub.ts';
import { SendQueue, type SendQueueLimits } from './send-queue.ts';

// seed 004: client.go. One Client per connection, the middleman between its
// socket and the hub. Gorilla runs two goroutines per client: readPump (socket
// → hub) and writePump (its `send` channel → socket). Node runs all of our code
// on one thread, so the "pumps" are event handlers: ws calls `onMessage` for
// each message read, and `send` writes as fast as the socket takes it.
//
// ws does the reading (and answers pings, and closes). The writing of chat
// messages we do ourselves, beside it: the hub hands us whole frames, built
// once for everyone (prepared-frame.ts), and we write them to the TCP socket
// under ws. The socket keeps them in order with ws's own writes.

/**
 * How many bytes we let sit in the socket's buffer before holding messages
 * back in our own queue: 16 KiB, Node's default highWaterMark for a socket.
 * `socket.write` (like `ws.send`) never refuses anything, so without this
 * limit a client that stops reading would make the server buffer everything
 * it is ever sent. With it, the socket holds at most ~16 KiB per client and
 * the rest waits in a SendQueue, which is bounded and can say "too slow".
 */
export const WRITE_BUFFER_BYTES = 16 * 1024;

/**
 * The TCP socket under a ws WebSocket. ws keeps it private and has no way to
 * send a prepared frame or to cork; its maintainer's advice for batching
 * writes is to use this socket (websockets/ws pull request #1999).
 */
export function underlyingSocket(webSocket: WebSocket): Socket {
  return (webSocket as unknown as { _socket: Socket })._socket;
}

/**
 * The close code ws sent when it failed the connection (RFC 6455 §7.4.1): 1009
 * for a message too big, 1007 for text that is not UTF-8, 1008 for a message
 * in too many fragments, 1002 for a broken frame. ws's receiver attaches it to
 * the error (receiver.js, `createError`: `err[kStatusCode] = statusCode`) and
 * closes with it, but does not export its `kStatusCode` symbol, so we find the
 * symbol by its name. Guessing the code from `error.code` instead would need a
 * table of ws's errors that goes stale as ws adds new ones.
 */
function sentCloseCode(error: Error): number | undefined {
  const kStatusCode = Object.getOwnPropertySymbols(error).find(
    (symbol) => symbol.description === 'status-code',
  );
  const code = kStatusCode === undefined ? undefined : Reflect.get(error, kStatusCode);
  return typeof code === 'number' ? code : undefined;
}

export interface ClientLimits extends SendQueueLimits {
  /** ws's maxPayload for this socket (seed 004's maxMessageSize), told to the client in its welcome. */
  maxMessageBytes: number;
}

export class Client {
  /**
   * When this client last proved it is alive: its connection, then each pong.
   * seed 004's read deadline is measured from here (see heartbeat.ts).
   */
  lastPongAt = performance.now();
  /** The longest message this client may send, in bytes: a longer one closes with 1009. */
  readonly maxMessageBytes: number;
  private readonly queue: SendQueue;
  /** The TCP connection under `socket`, which our frames are written to. */
  private readonly tcp: Socket;
  /** True while ws's buffer is over WRITE_BUFFER_BYTES: new messages wait in `queue`. */
  private waitingForFlush = false;
  /** Set once we, or ws for a ping flood, started to end the connection. */
  private ending = false;

  constructor(
    readonly name: string,
    private readonly socket: WebSocket,
    private readonly hub: Hub,
    limits: ClientLimits,
  ) {
    this.maxMessageBytes = limits.maxMessageBytes;
    this.queue = new SendQueue(limits);
    this.tcp = underlyingSocket(socket);
    socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    socket.on('pong', () => {
      this.lastPongAt = performance.now();
    });
    // ws answers each ping with a pong, but holds at most maxPendingAutoPongs
    // (60) that the socket has not written yet: a peer that sends pings and
    // never reads would otherwise fill our memory with pongs. The ping past
    // that makes ws cut the TCP connection, with no close frame (so 'close'
    // says 1006), and only then tell us of that ping. A ping that finds the
    // connection closing when we did not close it is that one (after the
    // peer's close frame or a bad frame ws reads no more pings).
    socket.on('ping', () => {
      if (this.ending || socket.readyState !== WebSocket.CLOSING) return;
      this.ending = true;
      hub.log.warn(`${name} cut off: it sent pings faster than it read our pongs`);
    });
    // ws reports a bad frame here (too big, bad UTF-8 …); without a listener it
    // would crash the server. ws has already "failed the connection" (RFC 6455
    // §7.1.7): sent a close frame with the matching code and stopped reading,
    // so the 'close' event that follows says 1006 (it never read their reply).
    socket.on('error', (error) => {
      hub.log.warn(`${name}: ${error.message}: closing with ${sentCloseCode(error) ?? 'no code'}`);
    });
    socket.on('close', (code, reason) => {
      const why = reason.length > 0 ? ` ${quote(reason.toString())}` : '';
      hub.log.info(`${name} disconnected (${code}${why})`);
      hub.unregister(this);
    });
  }

  // #region read
  private onMessage(data: RawData, isBinary: boolean): void {
    // After we (or ws) started closing, what is still arriving is not relayed.
    if (this.socket.readyState !== WebSocket.OPEN) return;
    if (isBinary) {
      // RFC 6455 §7.4.1: 1003, "a type of data it cannot accept". A chat line is text.
      this.hub.log.warn(`${this.name} sent a binary message: closing with 1003`);
      this.socket.close(1003, 'text messages only');
      return;
    }
    // ws has checked it is valid UTF-8 (else 1007) and at most maxPayload bytes
    // (else 1009, seed 004's maxMessageSize); a text message arrives as one Buffer.
    const text = data.toString().trim();
    if (text === '') return;
    this.hub.log.debug(`${this.name} says ${quote(text)}`);
    this.hub.broadcast(
      {
        type: 'message',
        from: this.name,
        text,
        at: Date.now(),
        online: this.hub.size,
      },
      this,
    );
  }
  // #endregion read

  // #region write
  /**
   * The hub hands us a whole frame (prepareFrame). Returns false when this
   * client is too far behind to take it (its queue is full): the hub then
   * evicts it.
   */
  send(frame: Buffer): boolean {
    // A closing socket takes nothing more; its 'close' event will unregister it.
    if (this.socket.readyState !== WebSocket.OPEN) return true;
    if (this.waitingForFlush) return this.queue.push(frame);
    this.write(frame);
    return true;
  }

  private write(frame: Buffer): void {
    // Usually the kernel takes the bytes at once and the socket's buffer
    // stays nearly empty, so most writes need no callback. The write that
    // takes the buffer past WRITE_BUFFER_BYTES asks to be told when it has
    // gone to the kernel; everything written before it has gone too by then,
    // since a socket writes in order.
    if (this.tcp.writableLength + frame.length < WRITE_BUFFER_BYTES) {
      this.tcp.write(frame);
    } else {
      this.waitingForFlush = true;
      this.tcp.write(frame, this.onFlushed);
    }
  }

  /**
   * The socket caught up: send what waited in the queue. Corked, the frames
   * pile up in Node's buffer and leave in one writev system call when we
   * uncork, instead of one system call each: `pnpm bench backlog` measures
   * 3 to 7 times less server CPU per message. gorilla's chat example gets the
   * same saving by joining the queued messages into one frame, newline
   * between them; that would hand our clients two chat events in one
   * message, so we keep one message per frame and batch the writes instead.
   */
  private readonly onFlushed = (error?: Error | null): void => {
    if (error) return; // the socket is gone: its close event unregisters us
    this.waitingForFlush = false;
    this.tcp.cork();
    while (!this.waitingForFlush) {
      const next = this.queue.shift();
      if (next === undefined) break;
      this.write(next);
    }
    this.tcp.uncork();
  };
  // #endregion write

  /** Messages waiting in our queue (not counting the ~16 KiB in the socket's buffer). */
  get queuedMessages(): number {
    return this.queue.length;
  }

  get queuedBytes(): number {
    return this.queue.bytes;
  }

  /** Bytes written to the socket that the kernel has not taken yet: about WRITE_BUFFER_BYTES at most. */
  get bufferedBytes(): number {
    return this.tcp.writableLength;
  }

  ping(): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.ping();
  }

  /** The closing handshake (RFC 6455 §7.1.2): send our close frame, wait for theirs. */
  close(code: number, reason: string): void {
    this.ending = true;
    this.queue.clear();
    this.socket.close(code, reason);
  }

  /** No handshake: for a peer that no longer answers (RFC 6455 §7.1.1 lets a server just close TCP). */
  terminate(): void {
    this.ending = true;
    this.queue.clear();
    this.socket.terminate();
  }

  /** Resolves when the connection is closed, however that happens. */
  async closed(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    await once(this.socket, 'close');
  }
}
