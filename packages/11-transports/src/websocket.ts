import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { Connection, describeClose, preview } from '@sockets/echo';
import { CloseCode } from '@sockets/frames';
import { handleUpgrade, reject, sendRejection, type UpgradeOptions } from '@sockets/handshake';
import { type Logger, peerName, requestUrl } from '@sockets/shared';
import { BadRequest, RETRY_AFTER, tickNumber } from './http.ts';
import type { Meter } from './meter.ts';
import type { Tick, Ticker } from './ticker.ts';

// The fourth transport is our own WebSocket: lesson 03's handshake and lesson
// 05's Connection (on lesson 04's frames), through their public API. A feed
// needs nothing ws would add: the server only sends text messages, and
// Connection already answers pings, follows the close handshake, and fails a
// connection that breaks the rules.

export const wsPath = '/ws';

export interface WebSocketFeedOptions {
  maxStreams: number;
  handshakeTimeoutMs: number;
  closeTimeoutMs: number;
  sendBufferBytes: number;
  log: Logger;
}

interface Subscriber {
  connection: Connection;
  socket: Socket;
}

// #region websocket
export class WebSocketFeed {
  readonly #subscribers = new Set<Subscriber>();
  readonly #unsubscribe: () => void;

  constructor(
    readonly ticker: Ticker,
    readonly meter: Meter,
    readonly options: WebSocketFeedOptions,
  ) {
    this.#unsubscribe = ticker.subscribe((tick) => {
      for (const subscriber of this.#subscribers) this.#send(subscriber, tick);
    });
  }

  /** node:http's `upgrade` for GET /ws?after=<n>: lesson 03 decides, lesson 05 speaks frames. */
  handleUpgrade(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    allowedOrigins: readonly string[],
  ): void {
    this.meter.usage.requests += 1;
    this.meter.count(socket);
    const name = peerName(socket);
    let after: number | undefined;
    try {
      after = tickNumber('after', requestUrl(request).searchParams.get('after'));
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      this.options.log.warn(`refused ${name}: 400 ${error.message}`);
      sendRejection(socket, reject(400, error.message), this.options.handshakeTimeoutMs);
      return;
    }
    if (this.#subscribers.size >= this.options.maxStreams) {
      // As for an event stream (sse.ts); the page reconnects a second later.
      const open = `${this.options.maxStreams} already open`;
      this.options.log.warn(`refused a WebSocket from ${name}: ${open} (503)`);
      sendRejection(
        socket,
        reject(503, `${open}, try again later`, RETRY_AFTER),
        this.options.handshakeTimeoutMs,
      );
      return;
    }
    const handshake: UpgradeOptions = {
      handshakeTimeoutMs: this.options.handshakeTimeoutMs,
      paths: [wsPath],
      protocols: [],
      allowedOrigins,
      log: this.options.log,
    };
    const accepted = handleUpgrade(request, socket, head, handshake);
    this.meter.count(socket);
    if (accepted === undefined) return;
    const connection = new Connection(accepted.socket as Socket, accepted.head, {
      role: 'server',
      name,
      // The client has nothing to say: a small limit, and 1009 above it.
      maxMessageBytes: 1024,
      // Not needed: the server sends a tick every TICK_MS, and a peer that
      // stopped reading is dropped by the send buffer limit below.
      idleTimeoutMs: 0,
      closeTimeoutMs: this.options.closeTimeoutMs,
      log: this.options.log,
      onMessage: (_connection, type, data) =>
        this.options.log.debug(`${name} sent ${preview(type, data)}, which a feed ignores`),
    });
    const subscriber = { connection, socket: accepted.socket as Socket };
    this.#subscribers.add(subscriber);
    this.options.log.info(
      `${name} opened a WebSocket${after === undefined ? '' : ` after tick ${after}`}`,
    );
    connection.closed.then((info) => {
      this.#subscribers.delete(subscriber);
      this.meter.count(subscriber.socket);
      this.options.log.info(`${name} closed its WebSocket: ${describeClose(info)}`);
    });
    if (after !== undefined)
      for (const tick of this.ticker.since(after)) this.#send(subscriber, tick);
  }

  #send({ connection, socket }: Subscriber, tick: Tick): void {
    // As with an event stream: a peer that stopped reading is not buffered for
    // without end. RFC 6455 §7.4.1 via IANA: 1013, try again later.
    if (socket.writableLength > this.options.sendBufferBytes) {
      this.options.log.warn(`${connection.name} reads too slowly: closing with 1013`);
      connection.close(CloseCode.tryAgainLater, 'too slow');
      return;
    }
    this.meter.usage.updates += 1;
    connection.send('text', Buffer.from(JSON.stringify(tick)));
    this.meter.count(socket);
  }
  // #endregion websocket

  /** Cuts every WebSocket's TCP connection, with no close frame: a network failure. */
  drop(): void {
    for (const { socket } of this.#subscribers) socket.destroy();
  }

  /** Shutting down: 1001 to everyone, then wait for their close frames (up to closeTimeoutMs). */
  async close(): Promise<void> {
    this.#unsubscribe();
    const open = [...this.#subscribers].map(({ connection }) => connection);
    for (const connection of open) connection.close(CloseCode.goingAway, 'server shutting down');
    await Promise.all(open.map((connection) => connection.closed));
  }
}
