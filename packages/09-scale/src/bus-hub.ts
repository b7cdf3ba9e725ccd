import { type ChatEvent, type Client, Hub, type HubOptions, TOO_SLOW } from '@sockets/chat';
import { explainError } from '@sockets/shared';
import type { Bus, Replay } from './bus.ts';
import { type BusMessage, compareIds, frameFor, STREAM_ID } from './messages.ts';

// Lesson 07's Hub, with one change: a chat message no longer goes straight to
// the clients of this process. It goes to the bus, and the clients get what
// the bus delivers (`deliver`), which is everyone's messages, from every
// process, in the bus's one order. Joins and leaves stay local: each process
// announces its own clients, and `online` counts the people on this process.

/** What a sender is told when the bus did not take its message. */
export const NOT_SENT = 'not sent: the chat cannot reach Redis right now; try again in a moment';

export class BusHub extends Hub {
  /**
   * Clients that came back with `?since=` and are being sent what they missed.
   * They are not in `clients` yet; what the bus delivers meanwhile waits here.
   */
  private readonly catchingUp = new Map<Client, BusMessage[]>();
  /**
   * Clients that have been sent everything up to their `since`, which is
   * further on than this process has read yet (they came from a process whose
   * reader was ahead). They join the live ones when our reader gets there.
   */
  private readonly aheadOfUs = new Map<Client, string>();

  constructor(
    options: HubOptions,
    private readonly bus: Bus,
  ) {
    super(options);
  }

  // #region publish
  override broadcast(event: ChatEvent, sender?: Client): void {
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
   * clients, with `online` counting them (the sender's process counted its own).
   */
  deliver(published: BusMessage): void {
    const message = { ...published, online: this.size };
    for (const waiting of this.catchingUp.values()) waiting.push(message);
    // A client ahead of us joins once we reach its `since`: after the message
    // with that id (which it has), or before the first one after it.
    const caughtUp: Client[] = [];
    for (const [client, since] of this.aheadOfUs) {
      const order = message.id === undefined ? 1 : compareIds(message.id, since);
      if (order < 0) continue;
      this.aheadOfUs.delete(client);
      if (order > 0) super.register(client);
      else caughtUp.push(client);
    }
    super.broadcast(message);
    for (const client of caughtUp) super.register(client);
  }
  // #endregion publish

  // #region resume
  override register(client: Client, query?: URLSearchParams): void {
    const since = query?.get('since') ?? '';
    if (since === '') {
      super.register(client);
      return;
    }
    if (!STREAM_ID.test(since)) {
      // Bad input gets a clear answer and costs nothing else: live messages only.
      client.send(
        frameFor({
          type: 'error',
          message: `since must be a message id, got ${JSON.stringify(since)}`,
        }),
      );
      super.register(client);
      return;
    }
    this.catchingUp.set(client, []);
    void this.catchUp(client, since);
  }

  /**
   * History first (the bus's replay), then what the bus delivered while we
   * fetched it, then live. The replay ends at the last message this process
   * had delivered when the client arrived, and `waiting` starts right after
   * it: none is left out. And none is sent twice: a client that comes from a
   * process whose reader was ahead of ours has seen messages we have not
   * delivered yet, so anything up to its `since` is skipped.
   */
  private async catchUp(client: Client, since: string): Promise<void> {
    let replay: Replay;
    try {
      replay = await this.bus.replay(since);
    } catch (error) {
      this.log.warn(`could not fetch what ${client.name} missed: ${explainError(error)}`);
      replay = { gap: true, messages: [] };
    }
    const waiting = this.catchingUp.get(client);
    if (waiting === undefined) return; // it left meanwhile
    this.catchingUp.delete(client);
    if (replay.gap) client.send(frameFor({ type: 'gap' }));
    const seen = (message: BusMessage) =>
      message.id !== undefined && compareIds(message.id, since) <= 0;
    for (const message of [...replay.messages, ...waiting]) {
      if (seen(message)) continue;
      if (!client.send(frameFor(message))) {
        client.close(TOO_SLOW, 'too slow: send queue full');
        return;
      }
    }
    this.log.info(
      `${client.name} resumed after ${since}: ${replay.messages.length} kept${replay.gap ? ', some missed' : ''}`,
    );
    const readUpTo = waiting.at(-1)?.id ?? replay.until;
    if (readUpTo !== undefined && compareIds(readUpTo, since) < 0)
      this.aheadOfUs.set(client, since);
    else super.register(client);
  }
  // #endregion resume

  override unregister(client: Client): void {
    this.catchingUp.delete(client);
    this.aheadOfUs.delete(client);
    super.unregister(client);
  }
}
