import type { Socket } from 'node:net';
import {
  CloseCode,
  describeCloseCode,
  encodeCloseFrame,
  encodeFrame,
  type MessageExtension,
  Opcode,
  type ReceivedEvent,
  Receiver,
  type Role,
} from '@sockets/frames';
import { explainError, type Logger, quote } from '@sockets/shared';

// One WebSocket connection after the handshake (lesson 03), on the framing
// layer of lesson 04. gorilla splits this job into a readPump and a writePump;
// here the read side is the socket's 'data' event fed to a Receiver, and the
// write side is socket.write, with the same two duties as gorilla's pumps:
// - read: answer pings, hand messages to the application, follow the close
//   handshake, and fail the connection on bad input;
// - write: never queue without bound. When the peer reads more slowly than we
//   write, we stop reading from it until our writes have drained.
// Nothing here knows about echoing: echo.ts is the application.

// #region types
export type MessageType = 'text' | 'binary';

/** What the application is told about each complete message. */
export type MessageHandler = (connection: Connection, type: MessageType, data: Buffer) => void;

export interface CloseInfo {
  /** The peer's close code: 1005 if its close frame had none, 1006 if it sent none (§7.1.5). */
  code: number;
  reason: string;
  /** The close frame we sent, if we sent one (code 1005: it had no body). */
  sent: { code: number; reason: string } | undefined;
}

export interface ConnectionOptions {
  /** 'server' reads masked frames and writes unmasked ones; 'client' the reverse (§5.1). */
  role: Role;
  /** Who the peer is, for log lines. */
  name: string;
  /** A bigger message fails the connection with 1009 (§7.4.1). */
  maxMessageBytes: number;
  /** Close with 1001 after this long without traffic; 0 never. */
  idleTimeoutMs: number;
  /** How long we wait for the peer's part of the close handshake before dropping TCP. */
  closeTimeoutMs: number;
  log: Logger;
  /** A complete message; text has been checked to be UTF-8. May be called from the constructor. */
  onMessage: MessageHandler;
  /** The extension the handshake agreed on (lesson 08), if any: it encodes and decodes messages. */
  extension?: MessageExtension;
}
// #endregion types

// #region states
/**
 * RFC 6455 §7 as four states:
 * - open:      data flows both ways;
 * - closeSent: we sent a close frame (§7.1.2), so we send no more data, and we
 *              read on until the peer's close frame comes back;
 * - closing:   both close frames are out, or we failed the connection
 *              (§7.1.7): only the TCP connection is left to end;
 * - closed:    the TCP connection is gone (§7.1.4).
 */
type State = 'open' | 'closeSent' | 'closing' | 'closed';
// #endregion states

export class Connection {
  readonly name: string;
  /** Resolves once the TCP connection is gone, however it ended. */
  readonly closed: Promise<CloseInfo>;
  readonly #socket: Socket;
  readonly #options: ConnectionOptions;
  readonly #receiver: Receiver;
  readonly #mask: boolean;
  #state: State = 'open';
  #received: { code: number; reason: string } | undefined;
  #sent: { code: number; reason: string } | undefined;
  #closeTimer: NodeJS.Timeout | undefined;
  #waitingForDrain = false;

  // #region start
  /**
   * Takes over a socket fresh from the handshake: lesson 03 hands it back with
   * no listeners and not flowing, plus `head`, the bytes that came behind the
   * handshake (the peer's first frames), which must be read first.
   */
  constructor(socket: Socket, head: Buffer, options: ConnectionOptions) {
    this.name = options.name;
    this.#socket = socket;
    this.#options = options;
    this.#mask = options.role === 'client';
    this.#receiver = new Receiver({
      role: options.role,
      maxMessageBytes: options.maxMessageBytes,
      extension: options.extension,
    });
    this.closed = new Promise((resolve) => socket.once('close', () => resolve(this.#onClosed())));
    // Small frames (a pong, an echo of "hello") leave at once instead of
    // waiting for Nagle's algorithm to batch them: ws does the same.
    socket.setNoDelay(true);
    socket.on('error', (error) => options.log.warn(`${this.name}: ${explainError(error)}`));
    socket.on('end', () => this.#onPeerEnd());
    if (options.idleTimeoutMs > 0) {
      // Node's own inactivity timer: no bytes read or written for this long.
      socket.setTimeout(options.idleTimeoutMs);
      socket.on('timeout', () => this.#onIdle());
    }
    if (head.length > 0) this.#read(head);
    socket.on('data', (chunk: Buffer) => this.#read(chunk));
  }
  // #endregion start

  /** Whether we stopped reading from the peer until our writes drain (backpressure). */
  get readingPaused(): boolean {
    return this.#waitingForDrain;
  }

  // #region read
  #read(chunk: Buffer): void {
    for (const event of this.#receiver.push(chunk)) this.#handle(event);
  }

  #handle(event: ReceivedEvent): void {
    switch (event.kind) {
      case 'message':
        // §7.1.2: after our close frame we send no more data, so a message
        // that crossed it is dropped, not handed over to be answered.
        if (this.#state === 'open') this.#options.onMessage(this, event.type, event.data);
        return;
      case 'ping':
        // §5.5.2: answer with a pong carrying the same application data.
        if (this.#state === 'open') {
          this.#write(encodeFrame(Opcode.pong, event.data, this.#encoding));
        }
        return;
      case 'pong':
        // §5.5.3: an unsolicited pong is a heartbeat that expects no answer.
        return;
      case 'close':
        this.#received = { code: event.code, reason: event.reason };
        // §5.5.1: answer a close frame with one, typically echoing its code;
        // a close frame without a code (reported as 1005) gets one without.
        if (this.#state === 'open') {
          this.#sendClose(event.code === CloseCode.noStatus ? undefined : event.code, event.reason);
        }
        this.#endTcp();
        return;
      case 'error':
        // §7.1.7: fail the connection: say why in a close frame, then close
        // TCP without waiting for an answer (the Receiver reads no further).
        this.#options.log.warn(
          `failing ${this.name}: ${describeCloseCode(event.closeCode)}: ${event.reason}`,
        );
        if (this.#state === 'open') this.#sendClose(event.closeCode, event.reason);
        this.#endTcp();
        return;
    }
  }
  // #endregion read

  // #region write
  /** Sends one message; does nothing once closing has begun (§7.1.2). */
  send(type: MessageType, data: Buffer): void {
    if (this.#state !== 'open') return;
    const opcode = type === 'text' ? Opcode.text : Opcode.binary;
    // RFC 7692 §6: an extension decides the payload, and whether RSV1 marks it.
    const { payload, rsv1 } = this.#options.extension?.encode(data) ?? {
      payload: data,
      rsv1: false,
    };
    this.#write(encodeFrame(opcode, payload, { ...this.#encoding, rsv1 }));
  }

  get #encoding() {
    // §5.1: a client masks every frame (lesson 04 picks a fresh key each time), a server never.
    return { mask: this.#mask };
  }

  #write(frame: Buffer[]): void {
    const socket = this.#socket;
    // Header and payload go out in one writev call: a 1 MiB payload is never
    // copied into a bigger buffer just to put 4 bytes in front of it.
    socket.cork();
    for (const buffer of frame) socket.write(buffer);
    socket.uncork();
    // More than writableHighWaterMark bytes wait in Node's buffer: the peer is
    // reading more slowly than it sends. Reading on would buffer without
    // bound, so stop reading from it until the buffer drains. TCP's own flow
    // control then slows the peer down.
    if (socket.writableNeedDrain && this.#state === 'open' && !this.#waitingForDrain) {
      this.#waitingForDrain = true;
      socket.pause();
      socket.once('drain', () => this.#resumeReading());
    }
  }

  #resumeReading(): void {
    this.#waitingForDrain = false;
    this.#socket.resume();
  }
  // #endregion write

  // #region close
  /**
   * Starts the close handshake (§7.1.2): our close frame now, the TCP
   * connection once the peer's close frame comes back, or after
   * closeTimeoutMs if it never does.
   */
  close(code: number = CloseCode.normal, reason = ''): void {
    if (this.#state !== 'open') return;
    this.#sendClose(code, reason);
    this.#state = 'closeSent';
    this.#socket.setTimeout(0);
    // Even a peer we stopped reading for backpressure must get its close frame through.
    this.#resumeReading();
    this.#startCloseTimer();
  }

  #sendClose(code: number | undefined, reason: string): void {
    this.#sent = { code: code ?? CloseCode.noStatus, reason };
    this.#write(encodeCloseFrame(code, reason, this.#encoding));
  }

  /** Both close frames are out, or the connection failed: end TCP (§7.1.1). */
  #endTcp(): void {
    this.#state = 'closing';
    this.#socket.setTimeout(0);
    // Keep reading, so that the peer's FIN is seen; the Receiver drops the bytes.
    this.#resumeReading();
    // §7.1.1: the server closes the TCP connection first; the client waits for
    // it, so that the TIME_WAIT state stays on the server and not on the client.
    if (this.#options.role === 'server') this.#socket.end();
    this.#startCloseTimer();
  }

  #startCloseTimer(): void {
    if (this.#closeTimer !== undefined) return;
    const { closeTimeoutMs, log } = this.#options;
    this.#closeTimer = setTimeout(() => {
      log.warn(`${this.name} did not close within ${closeTimeoutMs} ms: dropping it`);
      this.#socket.destroy();
    }, closeTimeoutMs);
  }

  #onIdle(): void {
    this.#options.log.info(`${this.name} idle for ${this.#options.idleTimeoutMs} ms: closing`);
    this.close(CloseCode.goingAway, 'idle timeout');
  }

  /** The peer sent FIN. node:http's sockets allow half-open connections, so ending ours is our job. */
  #onPeerEnd(): void {
    if (this.#received === undefined && this.#state !== 'closing') {
      this.#options.log.warn(`${this.name} closed TCP without a close frame`);
    }
    this.#socket.end();
  }

  #onClosed(): CloseInfo {
    this.#state = 'closed';
    clearTimeout(this.#closeTimer);
    // §7.1.5: no close frame from the peer means 1006, "abnormal closure".
    const received = this.#received ?? { code: CloseCode.abnormal, reason: '' };
    return { ...received, sent: this.#sent };
  }
  // #endregion close
}

/** `1000 (normal closure) "bye"`; both sides' codes when they differ. */
export function describeClose({ code, reason, sent }: CloseInfo): string {
  const theirs = describeCode(code, reason);
  if (sent === undefined || sent.code === code) return theirs;
  return `${describeCode(sent.code, sent.reason)} from us, ${theirs} from the peer`;
}

function describeCode(code: number, reason: string): string {
  return reason === '' ? describeCloseCode(code) : `${describeCloseCode(code)} ${quote(reason)}`;
}
