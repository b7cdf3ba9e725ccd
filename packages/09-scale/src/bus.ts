import type { BusMessage, ChatMessage } from './messages.ts';

// The bus carries every chat message between the server processes. Each
// process publishes what its own clients say, and delivers to its own clients
// what the bus gives it: everything anyone published, its own included, in the
// one order the bus decides. That is what makes every client in every process
// see the same messages in the same order.

// #region bus
export interface Replay {
  /** True when some messages after `since` are no longer kept: the client missed them. */
  gap: boolean;
  /** The messages after `since` that are still kept, oldest first. */
  messages: BusMessage[];
  /**
   * Where the replay ends: the id of the last message this process had
   * delivered. What comes after it arrives live. (None for pub/sub.)
   */
  until?: string;
}

export interface Bus {
  /** 'streams' or 'pubsub', for log lines. */
  readonly kind: BusKind;
  /** Resolves once Redis has the message; rejects when it does not (Redis unreachable). */
  publish(message: ChatMessage): Promise<void>;
  /** Starts delivering every message published from now on, in the bus's order. */
  subscribe(deliver: (message: BusMessage) => void): Promise<void>;
  /** What a client returning with `?since=<id>` missed. */
  replay(since: string): Promise<Replay>;
  close(): Promise<void>;
}
// #endregion bus

export type BusKind = 'streams' | 'pubsub';
