// Exercise 07.2: history for late joiners.
//
// The hub keeps the last `historyLimit` chat messages and sends them to each
// newcomer, right after its welcome (and its own join). The store is a ring
// buffer: a fixed number of slots, the newest message writing over the
// oldest, so memory stays bounded however long the chat runs.

import { Hub, type HubOptions } from '../../src/hub.ts';
import type { Member } from '../../src/member.ts';
import type { ChatEvent } from '../../src/messages.ts';
import { prepareFrame } from '../../src/prepared-frame.ts';

/** The last `capacity` items pushed, oldest first. */
export class RingBuffer<T> {
  readonly #slots: (T | undefined)[];
  /** Where the next push goes; once full, that is also where the oldest item is. */
  #next = 0;
  #size = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`a ring buffer needs a capacity of at least 1, got ${capacity}`);
    }
    this.#slots = new Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  /** Adds an item; when full, the oldest one is dropped. */
  push(item: T): void {
    this.#slots[this.#next] = item;
    this.#next = (this.#next + 1) % this.capacity;
    this.#size = Math.min(this.#size + 1, this.capacity);
  }

  /** The items, oldest first. */
  toArray(): T[] {
    // Not full yet: the items are slots 0 .. size-1. Full: the oldest is at #next.
    const start = this.#size < this.capacity ? 0 : this.#next;
    return Array.from(
      { length: this.#size },
      (_, i) => this.#slots[(start + i) % this.capacity] as T,
    );
  }
}

export interface HistoryHubOptions extends HubOptions {
  /** How many chat messages a newcomer is sent. */
  historyLimit: number;
}

/** Lesson 07's Hub, plus the last messages for whoever joins late. */
export class HistoryHub extends Hub {
  /** Stored as frames: each replay sends the same bytes again, with no new JSON.stringify. */
  readonly history: RingBuffer<Buffer>;

  constructor(options: HistoryHubOptions) {
    super(options);
    this.history = new RingBuffer(options.historyLimit);
  }

  override broadcast(event: ChatEvent): void {
    super.broadcast(event);
    // Only what people said: joins and leaves are old news to a newcomer.
    if (event.type === 'message') this.history.push(prepareFrame(event));
  }

  override register(member: Member): void {
    super.register(member);
    // Through member.send like any other message, so the replay counts
    // against the newcomer's bounded send queue. send() returns false when
    // that queue is full; only broadcast evicts, so here the rest of the
    // history would be dropped: keep historyLimit well under sendQueueLimit.
    for (const frame of this.history.toArray()) member.send(frame);
  }
}
