import type { Logger } from '@sockets/shared';
import type { Client } from './client.ts';
import type { ChatEvent } from './messages.ts';
import type { BroadcastEncoding } from './options.ts';
import { prepareFrame } from './prepared-frame.ts';

// seed 004: hub.go. The Hub owns the set of clients and is the only code that
// touches it. In Go that takes a goroutine and three channels (register,
// unregister, broadcast) so that many goroutines never share the map at once.
// Node runs all of our JavaScript on one thread, one event at a time, so plain
// methods give the same guarantee: `register`, `unregister` and `broadcast`
// never run at the same time, and the set needs no lock.
//
// That is also the fix for seed 003, whose `clients` slice is appended to by
// every connection's goroutine and spliced by the broadcast loop, unsynchronised.

export interface HubOptions {
  /** Name each join and leave only while at most this many are online. */
  announceLimit: number;
  broadcastEncoding: BroadcastEncoding;
  log: Logger;
}

/**
 * 1013 Try Again Later, from the IANA close code registry that RFC 6455 §11.7
 * set up: "the server is terminating the connection due to a temporary
 * condition, e.g. it is overloaded and is casting off some of its clients".
 * (1008, policy violation, would blame the client; being slow is no crime,
 * and a browser tab that was asleep may well reconnect and keep up.)
 */
export const TOO_SLOW = 1013;

export class Hub {
  /** seed 004: `clients map[*Client]bool`. */
  readonly clients = new Set<Client>();
  /** The names of `clients`, so that a newcomer's can be made unique (server.ts). */
  private readonly names = new Set<string>();
  readonly log: Logger;
  private closing = false;

  constructor(private readonly options: HubOptions) {
    this.log = options.log;
  }

  get size(): number {
    return this.clients.size;
  }

  // #region register
  /**
   * `query` is the WebSocket URL's query string. This hub needs nothing from it
   * (the server has read `?name=`); a hub of your own may (lesson 09's reads
   * `?since=`, to send what a returning client missed).
   */
  register(client: Client, _query?: URLSearchParams): void {
    this.clients.add(client);
    this.names.add(client.name);
    client.send(
      prepareFrame({
        type: 'welcome',
        name: client.name,
        online: this.size,
        maxMessageBytes: client.maxMessageBytes,
      }),
    );
    this.announce({ type: 'join', name: client.name, online: this.size });
  }

  /** Safe to call twice: an evicted client leaves at once, and again when its socket closes. */
  unregister(client: Client): void {
    if (!this.clients.delete(client)) return;
    this.names.delete(client.name);
    this.announce({ type: 'leave', name: client.name, online: this.size });
  }

  /** True while someone online goes by `name`. */
  isNameTaken(name: string): boolean {
    return this.names.has(name);
  }

  /**
   * Telling everyone about each arrival costs one message per person online,
   * so n people joining cost n²/2 messages: 50 million for 10,000 people. Big
   * rooms don't do that; past `announceLimit` online, joins and leaves are
   * silent, and the online count still travels in every chat message. Nor do
   * we announce leaves to people who are being disconnected at shutdown.
   */
  private announce(event: ChatEvent): void {
    if (!this.closing && this.size <= this.options.announceLimit) this.broadcast(event);
  }
  // #endregion register

  // #region broadcast
  /**
   * Gives the event to every client, in the same order for all, and never
   * waits: `client.send` either writes or queues. A client whose queue is full
   * is evicted (seed 004: "close(client.send); delete(h.clients, client)")
   * rather than slowing everyone else down.
   *
   * `sender` is the client whose message this is (none for a join or leave).
   * This hub has no use for it, since giving out a message here cannot fail;
   * lesson 09's hub hands the message to Redis, which can, and then tells the
   * sender so.
   */
  broadcast(event: ChatEvent, _sender?: Client): void {
    // Encoded once: one JSON.stringify and one frame (prepared-frame.ts),
    // and every client's queue and socket write share those same bytes. The
    // naive 'per-client' way encodes and frames it again for each client; it
    // is here so the bench can measure what encoding once saves.
    const shared = this.options.broadcastEncoding === 'once' ? prepareFrame(event) : undefined;
    const tooSlow: Client[] = [];
    for (const client of this.clients) {
      if (!client.send(shared ?? prepareFrame(event))) tooSlow.push(client);
    }
    // Evicting after the loop, not during it: eviction announces a leave,
    // which would otherwise reach some clients before this event and some after.
    for (const client of tooSlow) this.evict(client);
  }

  private evict(client: Client): void {
    // Evicting announces a leave, and that broadcast may evict others in turn,
    // some of whom are still in the caller's `tooSlow` list: they go only once.
    if (!this.clients.has(client)) return;
    this.log.warn(`${client.name} evicted: too slow, its send queue is full`);
    this.unregister(client);
    client.close(TOO_SLOW, 'too slow: send queue full');
  }
  // #endregion broadcast

  /**
   * Shutdown: a close frame with `code` to everyone, then wait for their
   * replies (RFC 6455 §7.1.2), but no longer than `graceMs`: a peer that does
   * not answer is cut off.
   */
  async closeAll(code: number, reason: string, graceMs: number): Promise<void> {
    this.closing = true;
    const everyone = [...this.clients];
    const allClosed = Promise.all(everyone.map((client) => client.closed()));
    for (const client of everyone) client.close(code, reason);
    const cutOff = setTimeout(() => {
      for (const client of everyone) client.terminate();
    }, graceMs);
    await allClosed;
    clearTimeout(cutOff);
  }
}
