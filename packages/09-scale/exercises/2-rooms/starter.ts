// Exercise 09.2: rooms, each its own stream.
//
// `?room=go` would put a client in a room, and each room's messages go to
// their own stream, `chat:go`. A process must read every room one of its
// clients is in, and it can do that with one XREAD over several streams,
// each from its own last id: XREAD … STREAMS chat:go chat:rust <id> <id>.

import type { Redis } from 'ioredis';
import type { BusMessage } from '../../src/messages.ts';

/** The stream that holds a room's messages. */
export function roomKey(room: string): string {
  // TODO(exercise): `chat:` and the room's name.
  return room;
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
    // TODO(exercise): remember the room, starting after its newest message
    // (XREVRANGE … COUNT 1), or after 0-0 if it has none yet. Joining twice
    // changes nothing.
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
    // TODO(exercise): XREAD BLOCK blockMs STREAMS <every room's key> <every
    // room's last id>; for each entry, move that room's last id on, parse the
    // message with parseBusMessage (src/messages.ts) and deliver it with its id.
    void blockMs;
    return 0;
  }
}
