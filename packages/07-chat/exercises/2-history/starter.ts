// Exercise 07.2: history for late joiners.
//
// The hub keeps the last `historyLimit` chat messages and sends them to each
// newcomer, right after its welcome (and its own join). The store is a ring
// buffer: a fixed number of slots, the newest message writing over the
// oldest, so memory stays bounded however long the chat runs.

import { Hub, type HubOptions } from '../../src/hub.ts';
import type { Member } from '../../src/member.ts';
import type { ChatEvent } from '../../src/messages.ts';

/** The last `capacity` items pushed, oldest first. */
export class RingBuffer<T> {
  // TODO(exercise): a fixed array of `capacity` slots, where the next push
  // goes, and how many items there are. A capacity below 1 is a RangeError.
  constructor(readonly capacity: number) {}

  get size(): number {
    return 0;
  }

  /** Adds an item; when full, the oldest one is dropped. */
  push(item: T): void {
    // TODO(exercise): write into the next slot, and move on (wrapping round).
    void item;
  }

  /** The items, oldest first. */
  toArray(): T[] {
    // TODO(exercise): once full, the oldest item is in the slot the next push would use.
    return [];
  }
}

export interface HistoryHubOptions extends HubOptions {
  /** How many chat messages a newcomer is sent. */
  historyLimit: number;
}

/** Lesson 07's Hub, plus the last messages for whoever joins late. */
export class HistoryHub extends Hub {
  readonly history: RingBuffer<Buffer>;

  constructor(options: HistoryHubOptions) {
    super(options);
    this.history = new RingBuffer(options.historyLimit);
  }

  override broadcast(event: ChatEvent): void {
    super.broadcast(event);
    // TODO(exercise): keep the chat messages (event.type === 'message'), as
    // frames from prepareFrame() in prepared-frame.ts; joins and leaves are old news.
  }

  override register(member: Member): void {
    super.register(member);
    // TODO(exercise): send the newcomer the history, oldest first, with member.send.
  }
}
