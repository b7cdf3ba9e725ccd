import { CloseCode } from '@sockets/frames';
import { closeAll, type Logger } from '@sockets/shared';
import type { Member } from './member.ts';
import type { ChatEvent } from './messages.ts';
import type { BroadcastEncoding } from './options.ts';
import { prepareFrame } from './prepared-frame.ts';

// seed 004: hub.go. The Hub owns the set of members (gorilla's clients) and is
// the only code that touches it. In Go that takes a goroutine and three channels (register,
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

/** The close reason an evicted member is given, with 1013 (see `#evict`). */
export const TOO_SLOW_REASON = 'too slow: send queue full';

export class Hub {
  /** seed 004: `clients map[*Client]bool`. */
  readonly members = new Set<Member>();
  /** The names of `members`, so that a newcomer's can be made unique (server.ts). */
  readonly #names = new Set<string>();
  readonly log: Logger;
  readonly #options: HubOptions;
  #closing = false;
  /** Members with frames in their outbox, flushed together at the end of this turn of the event loop. */
  #due: Member[] = [];

  constructor(options: HubOptions) {
    this.#options = options;
    this.log = options.log;
  }

  get size(): number {
    return this.members.size;
  }

  // #region register
  /**
   * `query` is the WebSocket URL's query string. This hub needs nothing from it
   * (the server has read `?name=`); a hub of your own may (lesson 09's reads
   * `?since=`, to send what a returning member missed).
   */
  register(member: Member, _query?: URLSearchParams): void {
    this.members.add(member);
    this.#names.add(member.name);
    member.send(
      prepareFrame({
        type: 'welcome',
        name: member.name,
        online: this.size,
        maxMessageBytes: member.maxMessageBytes,
      }),
    );
    this.#announce({ type: 'join', name: member.name, online: this.size });
  }

  /** Safe to call twice: an evicted member leaves at once, and again when its socket closes. */
  unregister(member: Member): void {
    if (!this.members.delete(member)) return;
    this.#names.delete(member.name);
    this.#announce({ type: 'leave', name: member.name, online: this.size });
  }

  /** True while someone online goes by `name`. */
  isNameTaken(name: string): boolean {
    return this.#names.has(name);
  }

  /**
   * Telling everyone about each arrival costs one message per person online,
   * so n people joining cost n²/2 messages: 50 million for 10,000 people. Big
   * rooms don't do that; past `announceLimit` online, joins and leaves are
   * silent, and the online count still travels in every chat message. Nor do
   * we announce leaves to people who are being disconnected at shutdown.
   */
  #announce(event: ChatEvent): void {
    if (!this.#closing && this.size <= this.#options.announceLimit) this.broadcast(event);
  }
  // #endregion register

  // #region relay
  /**
   * A chat line from `sender`, already trimmed (member.ts). The hub owns the
   * chat protocol: it stamps the time and the number online, wraps the line
   * in the JSON envelope (messages.ts), and gives it to everyone.
   */
  relay(sender: Member, text: string): void {
    this.broadcast(
      { type: 'message', from: sender.name, text, at: Date.now(), online: this.size },
      sender,
    );
  }
  // #endregion relay

  // #region broadcast
  /**
   * Gives the event to every member, in the same order for all, and never
   * waits: `member.send` puts the frame in its outbox or its queue. A member
   * whose queue is full is evicted (seed 004: "close(client.send);
   * delete(h.clients, client)") rather than slowing everyone else down.
   *
   * `sender` is the member whose message this is (none for a join or leave).
   * This hub has no use for it, since giving out a message here cannot fail;
   * lesson 09's hub hands the message to Redis, which can, and then tells the
   * sender so.
   */
  broadcast(event: ChatEvent, _sender?: Member): void {
    // Encoded once: one JSON.stringify and one frame (prepared-frame.ts),
    // and every member's outbox shares those same bytes. The naive
    // 'per-client' way encodes and frames it again for each member; it is
    // here so the bench can measure what encoding once saves.
    const shared = this.#options.broadcastEncoding === 'once' ? prepareFrame(event) : undefined;
    const tooSlow: Member[] = [];
    for (const member of this.members) {
      if (!member.send(shared ?? prepareFrame(event))) tooSlow.push(member);
    }
    // Evicting after the loop, not during it: eviction announces a leave,
    // which would otherwise reach some members before this event and some after.
    for (const member of tooSlow) this.#evict(member);
  }

  /**
   * Called by a member when its outbox gets its first frame of this turn.
   * Every message read in this turn of the event loop (a burst arrives many
   * to a read) lands in the outboxes first; then, once, each member writes
   * all of its frames in one go (member.ts, `flush`). setImmediate runs right
   * after the event loop's I/O phase, so nothing waits for a timer.
   */
  flushSoon(member: Member): void {
    if (this.#due.push(member) === 1) setImmediate(this.#flushDue);
  }

  readonly #flushDue = (): void => {
    const due = this.#due;
    this.#due = [];
    for (const member of due) member.flush();
  };

  #evict(member: Member): void {
    // Evicting announces a leave, and that broadcast may evict others in turn,
    // some of whom are still in the caller's `tooSlow` list: they go only once.
    if (!this.members.has(member)) return;
    this.log.warn(`${member.name} evicted: too slow, its send queue is full`);
    this.unregister(member);
    // 1013 Try Again Later, from the IANA close code registry that RFC 6455
    // §11.7 set up: "the server is terminating the connection due to a
    // temporary condition, e.g. it is overloaded and is casting off some of
    // its clients". (1008, policy violation, would blame the member; being
    // slow is no crime, and a browser tab that was asleep may well reconnect
    // and keep up.)
    member.close(CloseCode.tryAgainLater, TOO_SLOW_REASON);
  }
  // #endregion broadcast

  /**
   * Shutdown, the policy of every lesson (@sockets/shared's closeAll): a close
   * frame with `code` to everyone, then wait for their replies (RFC 6455
   * §7.1.2), but at most `closeTimeoutMs`: a member that has not answered by
   * then is cut off, with a log line saying so.
   */
  async closeAll(code: number, reason: string, closeTimeoutMs: number): Promise<void> {
    this.#closing = true;
    const departing = [...this.members].map((member) => ({
      name: member.name,
      goAway: () => member.close(code, reason),
      closed: member.closed(),
      drop: () => member.terminate(),
    }));
    await closeAll(departing, closeTimeoutMs, this.log);
  }
}
