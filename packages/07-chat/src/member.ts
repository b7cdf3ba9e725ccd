import { once } from 'node:events';
import type { Duplex } from 'node:stream';
import { CloseCode } from '@sockets/frames';
import { type Logger, quote, SEND_BUFFER_LIMIT } from '@sockets/shared';
import { type RawData, WebSocket } from 'ws';
import type { Hub } from './hub.ts';
import { SendQueue, type SendQueueLimits } from './send-queue.ts';

// seed 004: client.go. One Member per connection, the middleman between its
// socket and the hub (gorilla calls it Client; here `client.ts` is the program
// people chat with, so the server's side of a connection is a member of the
// room). Gorilla runs two goroutines per client: readPump (socket → hub) and
// writePump (its `send` channel → socket). Node runs all of our code on one
// thread, so the "pumps" are event handlers: ws calls `#onMessage` for each
// message read, and the hub calls `flush` once per turn of the event loop.
//
// ws does the reading (and answers pings, and closes). The chat's frames we
// write ourselves, beside it: the hub hands us whole frames, built once for
// everyone (prepared-frame.ts), and we write them to the TCP socket that
// node:http gave the server's 'upgrade' handler, the same socket ws writes its
// pongs and close frame to. That is safe because:
//   - ws writes each of its frames whole, in one synchronous call, so its
//     frames and ours never interleave inside a frame;
//   - we never call ws's own `send`, so ws has no data frames of its own that
//     ours could overtake;
//   - nothing goes out after ws has started the closing handshake: every write
//     first checks that the WebSocket is still OPEN, since RFC 6455 §5.5.1 says
//     no data frames may follow a close frame.
// And our frames are not compressed, so the server must not agree to
// permessage-deflate (server.ts turns it off; the constructor checks).

export interface MemberOptions extends SendQueueLimits {
  /** ws's maxPayload for this socket (seed 004's maxMessageSize), told to the member in its welcome. */
  maxMessageBytes: number;
  log: Logger;
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

export class Member {
  /**
   * When this member last proved it is alive: its connection, then each pong.
   * seed 004's read deadline is measured from here (see heartbeat.ts).
   */
  lastPongAt = performance.now();
  /** The longest message this member may send, in bytes: a longer one closes with 1009. */
  readonly maxMessageBytes: number;
  readonly #webSocket: WebSocket;
  /** The TCP (or TLS) connection under `#webSocket`, which our frames are written to. */
  readonly #socket: Duplex;
  readonly #hub: Hub;
  readonly #log: Logger;
  /** Frames for the next flush: at most about SEND_BUFFER_LIMIT bytes, counting what the socket holds. */
  #outbox: Buffer[] = [];
  #outboxBytes = 0;
  /** Frames beyond that, waiting for the socket to drain: bounded, so it can say "too slow". */
  readonly #queue: SendQueue;
  /** True once the outbox filled the socket's share: new frames wait in `#queue` until it drains. */
  #waitingForDrain = false;
  /** Set once we, or ws for a ping flood, started to end the connection. */
  #ending = false;

  constructor(
    readonly name: string,
    webSocket: WebSocket,
    socket: Duplex,
    hub: Hub,
    options: MemberOptions,
  ) {
    if (webSocket.extensions !== '') {
      throw new Error(
        `a chat Member writes uncompressed frames, but this connection agreed to ${webSocket.extensions}: ` +
          'create the WebSocketServer with perMessageDeflate: false',
      );
    }
    this.#webSocket = webSocket;
    this.#socket = socket;
    this.#hub = hub;
    this.#log = options.log;
    this.maxMessageBytes = options.maxMessageBytes;
    this.#queue = new SendQueue(options);
    webSocket.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    webSocket.on('pong', () => {
      this.lastPongAt = performance.now();
    });
    // ws answers each ping with a pong, but holds at most maxPendingAutoPongs
    // (60) that the socket has not written yet: a peer that sends pings and
    // never reads would otherwise fill our memory with pongs. The ping past
    // that makes ws cut the TCP connection, with no close frame (so 'close'
    // says 1006), and only then tell us of that ping. A ping that finds the
    // connection closing when we did not close it is that one (after the
    // peer's close frame or a bad frame ws reads no more pings).
    webSocket.on('ping', () => {
      if (this.#ending || webSocket.readyState !== WebSocket.CLOSING) return;
      this.#ending = true;
      this.#log.warn(`${name} cut off: it sent pings faster than it read our pongs`);
    });
    // ws reports a bad frame here (too big, bad UTF-8 …); without a listener it
    // would crash the server. ws has already "failed the connection" (RFC 6455
    // §7.1.7): sent a close frame with the matching code and stopped reading,
    // so the 'close' event that follows says 1006 (it never read their reply).
    webSocket.on('error', (error) => {
      this.#log.warn(
        `${name}: ${error.message}: closing with ${sentCloseCode(error) ?? 'no code'}`,
      );
    });
    webSocket.on('close', (code, reason) => {
      const why = reason.length > 0 ? ` ${quote(reason.toString())}` : '';
      this.#log.info(`${name} disconnected (${code}${why})`);
      hub.unregister(this);
    });
  }

  // #region read
  #onMessage(data: RawData, isBinary: boolean): void {
    // After we (or ws) started closing, what is still arriving is not relayed.
    if (this.#webSocket.readyState !== WebSocket.OPEN) return;
    if (isBinary) {
      // RFC 6455 §7.4.1: 1003, "a type of data it cannot accept". A chat line is text.
      this.#log.warn(`${this.name} sent a binary message: closing with 1003`);
      this.#webSocket.close(CloseCode.unsupportedData, 'text messages only');
      return;
    }
    // ws has checked it is valid UTF-8 (else 1007) and at most maxPayload bytes
    // (else 1009, seed 004's maxMessageSize); a text message arrives as one Buffer.
    const text = data.toString().trim();
    if (text === '') return;
    this.#log.debug(`${this.name} says ${quote(text)}`);
    this.#hub.relay(this, text);
  }
  // #endregion read

  // #region write
  /**
   * The hub hands us a whole frame (prepareFrame). It goes out with the next
   * flush, which the hub runs once per turn of the event loop. Returns false
   * when this member is too far behind to take it (its queue is full): the hub
   * then evicts it.
   */
  send(frame: Buffer): boolean {
    // A closing socket takes nothing more; its 'close' event will unregister it.
    if (this.#webSocket.readyState !== WebSocket.OPEN) return true;
    if (this.#waitingForDrain) return this.#queue.push(frame);
    if (this.#outbox.length === 0) this.#hub.flushSoon(this);
    this.#addToOutbox(frame);
    return true;
  }

  /**
   * The socket may hold about SEND_BUFFER_LIMIT bytes that the kernel has not
   * taken yet. The frame that fills that share still goes in the outbox, and
   * its write asks to be told when it has gone to the kernel (`#onDrained`);
   * until then, new frames wait in the bounded queue.
   */
  #addToOutbox(frame: Buffer): void {
    this.#outbox.push(frame);
    this.#outboxBytes += frame.length;
    if (this.#socket.writableLength + this.#outboxBytes >= SEND_BUFFER_LIMIT) {
      this.#waitingForDrain = true;
    }
  }

  /**
   * Writes the outbox in one piece. A member that was handed several frames
   * since the last flush (a burst of messages read in one go) gets them in one
   * write, one system call instead of one each, and still one frame per chat
   * message. gorilla's chat example saves the same system calls by joining
   * the queued messages into one frame, newline between them; that would hand
   * our clients two chat events in one message, so we join frames instead.
   */
  flush(): void {
    if (this.#outbox.length === 0) return;
    const frames = this.#outbox;
    const bytes = this.#outboxBytes;
    this.#outbox = [];
    this.#outboxBytes = 0;
    // ws may have started closing since these were queued (RFC 6455 §5.5.1).
    if (this.#webSocket.readyState !== WebSocket.OPEN) return;
    const onWritten = this.#waitingForDrain ? this.#onDrained : undefined;
    this.#socket.write(frames.length === 1 ? frames[0]! : Buffer.concat(frames, bytes), onWritten);
  }

  /** The socket caught up: what waited in the queue goes out, as much as the socket's share allows. */
  readonly #onDrained = (error?: Error | null): void => {
    if (error) return; // the socket is gone: its close event unregisters us
    this.#waitingForDrain = false;
    while (!this.#waitingForDrain) {
      const next = this.#queue.shift();
      if (next === undefined) break;
      this.#addToOutbox(next);
    }
    this.flush();
  };
  // #endregion write

  /** Messages waiting in our queue (not counting the ~16 KiB in the outbox and the socket's buffer). */
  get queuedMessages(): number {
    return this.#queue.length;
  }

  get queuedBytes(): number {
    return this.#queue.bytes;
  }

  /** Bytes in the outbox and in the socket's buffer, not yet taken by the kernel: about SEND_BUFFER_LIMIT at most. */
  get bufferedBytes(): number {
    return this.#outboxBytes + this.#socket.writableLength;
  }

  ping(): void {
    if (this.#webSocket.readyState === WebSocket.OPEN) this.#webSocket.ping();
  }

  /** The closing handshake (RFC 6455 §7.1.2): send our close frame, wait for theirs. */
  close(code: number, reason: string): void {
    this.#stopSending();
    this.#webSocket.close(code, reason);
  }

  /** No handshake: for a peer that no longer answers (RFC 6455 §7.1.1 lets a server just close TCP). */
  terminate(): void {
    this.#stopSending();
    this.#webSocket.terminate();
  }

  #stopSending(): void {
    this.#ending = true;
    this.#outbox = [];
    this.#outboxBytes = 0;
    this.#queue.clear();
  }

  /** Resolves when the connection is closed, however that happens. */
  async closed(): Promise<void> {
    if (this.#webSocket.readyState === WebSocket.CLOSED) return;
    await once(this.#webSocket, 'close');
  }
}
