import { EventEmitter, once } from 'node:events';
import { type ClientOptions, WebSocket } from 'ws';
import type { ScaleEvent } from './messages.ts';

// A chat connection that comes back by itself. When the connection drops (the
// server restarted, was killed, the network went away), it waits a while and
// connects again, to the next URL in its list, with `?since=<the last id it
// got>` so the server sends what it missed. The terminal client is built on
// it, and page.html does the same in the browser.

// #region backoff
/**
 * How long to wait before reconnect attempt number `attempt` (0, 1, 2 …):
 * `minMs` doubled each time, at most `maxMs`, and then a random point in the
 * upper half of that ("equal jitter"). The doubling stops thousands of clients
 * hammering a server that is struggling to come back; the randomness stops them
 * all coming back in the same millisecond after it does.
 */
export function reconnectDelay(
  attempt: number,
  minMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
// #endregion backoff

export type ConnectionState =
  | { state: 'connected'; url: string }
  | { state: 'reconnecting'; inMs: number; code: number; reason: string }
  /** The server closed with one of `finalCodes`: we stay away. */
  | { state: 'closed'; code: number; reason: string };

export interface ReconnectingChatOptions {
  /** WebSocket URLs: the first is used first, and each reconnect moves on to the next. */
  urls: string[];
  /** Sent as `?name=`; empty lets the server choose. */
  name: string;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  /** Resume after this message id from the start (as if we had seen it). */
  since?: string;
  /** ws's options for every connection: lesson 10 passes the CA it trusts and its session cookie. */
  wsOptions?: ClientOptions;
  /**
   * Close codes that mean "do not come back", e.g. lesson 10's 1008 for a user
   * who sent too fast: reconnecting would only be closed again.
   */
  finalCodes?: readonly number[];
}

interface ChatEvents {
  event: [ScaleEvent];
  state: [ConnectionState];
}

export class ReconnectingChat extends EventEmitter<ChatEvents> {
  /** The id of the newest chat message received: what `?since=` asks to resume after. */
  lastId: string | undefined;
  readonly #options: ReconnectingChatOptions;
  #socket: WebSocket;
  #urlIndex = 0;
  #attempt = 0;
  #retryTimer: NodeJS.Timeout | undefined;
  #closing = false;
  /** False until the first connection opens: only a connection we had is worth getting back. */
  #established = false;

  /**
   * Resolves when the first connection opens; rejects (ECONNREFUSED, a 403 …)
   * if it fails, and then there is no reconnecting: a client that never got
   * in has nothing to resume, and the user something to fix.
   */
  readonly opened: Promise<void>;

  /** Starts connecting to `urls[0]`. Listen for 'event' and 'state' before awaiting `opened`. */
  constructor(options: ReconnectingChatOptions) {
    super();
    this.#options = options;
    this.lastId = options.since;
    this.#socket = this.#open();
    this.opened = once(this.#socket, 'open').then(() => {
      this.#established = true;
    });
  }

  // #region reconnect
  #open(): WebSocket {
    const { urls, name, wsOptions } = this.#options;
    const url = new URL(urls[this.#urlIndex % urls.length]!);
    if (name !== '') url.searchParams.set('name', name);
    if (this.lastId !== undefined) url.searchParams.set('since', this.lastId);
    const socket = new WebSocket(url, wsOptions);
    socket.on('open', () => {
      this.#attempt = 0;
      this.emit('state', { state: 'connected', url: url.href });
    });
    socket.on('message', (data) => {
      let event: ScaleEvent;
      try {
        event = JSON.parse(data.toString()) as ScaleEvent;
      } catch {
        return; // not from a chat server of ours: nothing to show
      }
      if (event.type === 'message' && 'id' in event && event.id !== undefined) {
        this.lastId = event.id;
      }
      this.emit('event', event);
    });
    // A failed connection emits 'error' and then 'close'; 'close' decides what next.
    socket.on('error', () => {});
    socket.on('close', (code, reasonBytes) => {
      if (this.#closing || !this.#established) return;
      const reason = reasonBytes.toString();
      if (this.#options.finalCodes?.includes(code)) {
        this.#closing = true;
        this.emit('state', { state: 'closed', code, reason });
        return;
      }
      const { reconnectMinMs, reconnectMaxMs } = this.#options;
      const inMs = reconnectDelay(this.#attempt, reconnectMinMs, reconnectMaxMs);
      this.#attempt += 1;
      this.#urlIndex += 1;
      this.emit('state', { state: 'reconnecting', inMs, code, reason });
      this.#retryTimer = setTimeout(() => {
        this.#socket = this.#open();
      }, inMs);
    });
    return socket;
  }
  // #endregion reconnect

  get connected(): boolean {
    return this.#socket.readyState === WebSocket.OPEN;
  }

  /** Sends a line of chat; false if we are between connections (nothing was sent). */
  send(text: string): boolean {
    if (!this.connected) return false;
    this.#socket.send(text);
    return true;
  }

  /** Closes for good (1000), with no reconnect. */
  async close(code = 1000, reason = 'bye'): Promise<void> {
    this.#closing = true;
    clearTimeout(this.#retryTimer);
    const socket = this.#socket;
    if (socket.readyState === WebSocket.CLOSED) return;
    // Not events.once: it rejects on the 'error' that terminating a
    // connection still being opened emits.
    const closed = new Promise((resolve) => socket.once('close', resolve));
    if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
    else socket.close(code, reason);
    await closed;
  }
}
