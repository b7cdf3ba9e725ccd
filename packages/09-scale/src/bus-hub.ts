import { type ChatEvent, Hub, type HubOptions, type Member, TOO_SLOW_REASON } from '@sockets/chat';
import { CloseCode } from '@sockets/frames';
import { explainError } from '@sockets/shared';
import type { Bus, Replay } from './bus.ts';
import { type BusMessage, compareIds, frameFor, STREAM_ID } from './messages.ts';

// Lesson 07's Hub, with one change: a chat message no longer goes straight to
// the members of this process. It goes to the bus, and the members get what
// the bus delivers (`deliver`), which is everyone's messages, from every
// process, in the bus's one order. Joins and leaves stay local: each process
// announces its own members, and `online` counts the people on this process.

/** What a sender is told when the bus did not take its message. */
export const NOT_SENT = 'not sent: the chat cannot reach Redis right now; try again in a moment';

export class BusHub extends Hub {
  /**
   * Members that came back with `?since=` and are being sent what they missed.
   * They are not in `members` yet; what the bus delivers meanwhile waits here.
   */
  private readonly catchingUp = new Map<Member, BusMessage[]>();
  /**
   * Members that have been sent everything up to their `since`, which is
   * further on than this process has read yet (they came from a process whose
   * reader was ahead). They join the live ones when our reader gets there.
   */
  private readonly aheadOfUs = new Map<Member, string>();

  constructor(
    options: HubOptions,
    private readonly bus: Bus,
  ) {
    super(options);
  }

  // #region publish
  override broadcast(event: ChatEvent, sender?: Member): void {
    if (event.type !== 'message') {
      super.broadcast(event);
      return;
    }
    this.bus.publish(event).catch((error: unknown) => {
      // Never a silent loss: the sender hears that this message went nowhere.
      this.log.warn(`${event.from}'s message was not sent: ${explainError(error)}`);
      sender?.send(frameFor({ type: 'error', message: NOT_SENT }));
    });
  }

  /**
   * Everything the bus delivers, whoever published it: to this process's
   * members, with `online` counting them (the sender's process counted its own).
   */
  deliver(published: BusMessage): void {
    const message = { ...published, online: this.size };
    for (const waiting of this.catchingUp.values()) waiting.push(message);
    // A member ahead of us joins once we reach its `since`: after the message
    // with that id (which it has), or before the first one after it.
    const caughtUp: Member[] = [];
    for (const [member, since] of this.aheadOfUs) {
      const order = message.id === undefined ? 1 : compareIds(message.id, since);
      if (order < 0) continue;
      this.aheadOfUs.delete(member);
      if (order > 0) super.register(member);
      else caughtUp.push(member);
    }
    super.broadcast(message);
    for (const member of caughtUp) super.register(member);
  }
  // #endregion publish

  // #region resume
  override register(member: Member, query?: URLSearchParams): void {
    const since = query?.get('since') ?? '';
    if (since === '') {
      super.register(member);
      return;
    }
    if (!STREAM_ID.test(since)) {
      // Bad input gets a clear answer and costs nothing else: live messages only.
      member.send(
        frameFor({
          type: 'error',
          message: `since must be a message id, got ${JSON.stringify(since)}`,
        }),
      );
      super.register(member);
      return;
    }
    this.catchingUp.set(member, []);
    void this.catchUp(member, since);
  }

  /**
   * History first (the bus's replay), then what the bus delivered while we
   * fetched it, then live. The replay ends at the last message this process
   * had delivered when the member arrived, and `waiting` starts right after
   * it: none is left out. And none is sent twice: a member that comes from a
   * process whose reader was ahead of ours has seen messages we have not
   * delivered yet, so anything up to its `since` is skipped.
   */
  private async catchUp(member: Member, since: string): Promise<void> {
    let replay: Replay;
    try {
      replay = await this.bus.replay(since);
    } catch (error) {
      this.log.warn(`could not fetch what ${member.name} missed: ${explainError(error)}`);
      replay = { gap: true, messages: [] };
    }
    const waiting = this.catchingUp.get(member);
    if (waiting === undefined) return; // it left meanwhile
    this.catchingUp.delete(member);
    if (replay.gap) member.send(frameFor({ type: 'gap' }));
    const seen = (message: BusMessage) =>
      message.id !== undefined && compareIds(message.id, since) <= 0;
    for (const message of [...replay.messages, ...waiting]) {
      if (seen(message)) continue;
      if (!member.send(frameFor(message))) {
        member.close(CloseCode.tryAgainLater, TOO_SLOW_REASON);
        return;
      }
    }
    this.log.info(
      `${member.name} resumed after ${since}: ${replay.messages.length} kept${replay.gap ? ', some missed' : ''}`,
    );
    const readUpTo = waiting.at(-1)?.id ?? replay.until;
    if (readUpTo !== undefined && compareIds(readUpTo, since) < 0)
      this.aheadOfUs.set(member, since);
    else super.register(member);
  }
  // #endregion resume

  override unregister(member: Member): void {
    this.catchingUp.delete(member);
    this.aheadOfUs.delete(member);
    super.unregister(member);
  }
}
