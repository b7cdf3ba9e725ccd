// Exercise 09.2: rooms, each its own stream.
//
// `?room=go` would put a client in a room, and each room's messages go to
// their own stream, `chat:go`. A process must read every room one of its
// clients is in, and it can do that with one XREAD over several streams,
// each from its own last id: XREAD … STREAMS chat:go chat:rust <id> <id>.

import type { Redis } from 'ioredis';
import { type BusMessage, parseBusMessage } from '../../src/messages.ts';

/** The stream that holds a room's messages. */
export function roomKey(room: string): string {
  return `chat:${room}`;
}

export type Deliver = (room: string, message: BusMessage) => void;

export class RoomsReader {
  /** Each room being read, and the id of the last message delivered from it. */
  private readonly lastIds = new Map<string, string>();

  constructor(
    private readonly redis: Redis,
    private readonly deliver: Deliver,
  ) {}

  /** Starts reading `room`, from what is said after now. */
  async join(room: string): Promise<void> {
    if (this.lastIds.has(room)) return;
    const newest = await this.redis.xrevrange(roomKey(room), '+', '-', 'COUNT', 1);
    this.lastIds.set(room, newest[0]?.[0] ?? '0-0');
  }

  /** Stops reading `room` (its last client left this process). */
  leave(room: string): void {
    this.lastIds.delete(room);
  }

  get rooms(): string[] {
    return [...this.lastIds.keys()];
  }

  /**
   * One XREAD over every room joined, waiting at most `blockMs` for something
   * new; delivers what came, oldest first in each room. Returns how many.
   */
  async readOnce(blockMs: number): Promise<number> {
    const rooms = this.rooms;
    if (rooms.length === 0) return 0;
    const reply = await this.redis.xread(
      'BLOCK',
      blockMs,
      'STREAMS',
      ...rooms.map(roomKey),
      ...rooms.map((room) => this.lastIds.get(room)!),
    );
    let delivered = 0;
    for (const [key, entries] of reply ?? []) {
      const room = key.slice(roomKey('').length);
      for (const [id, fields] of entries) {
        this.lastIds.set(room, id);
        const message = parseBusMessage(fields[1] ?? '');
        if (message === undefined) continue;
        this.deliver(room, { ...message, id });
        delivered += 1;
      }
    }
    return delivered;
  }
}
