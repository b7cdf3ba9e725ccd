// Exercise 09.1: who is online, across every process.
//
// Each process knows only its own clients, so `online` in lesson 09 counts one
// process. Here every process writes to one Redis sorted set: the member is a
// name, the score the time that name was last seen. A heartbeat refreshes it;
// whoever has not been seen for `ttlMs` has gone, even if its process was
// killed before it could say so.

import type { Redis } from 'ioredis';

export interface PresenceOptions {
  /** A connection to the Redis every process shares. */
  redis: Redis;
  /** The sorted set's key, e.g. `online`. */
  key: string;
  /** Someone not seen for this long is no longer online. */
  ttlMs: number;
  /** The clock, in milliseconds; an option so the spec can move time by hand. */
  now?: () => number;
}

export class Presence {
  private readonly now: () => number;

  constructor(private readonly options: PresenceOptions) {
    this.now = options.now ?? Date.now;
  }

  /** `name` is here now: call it when they connect and on every heartbeat. */
  async here(name: string): Promise<void> {
    // TODO(exercise): ZADD the name with the time now as its score.
  }

  /** `name` left (their connection closed cleanly). */
  async gone(name: string): Promise<void> {
    // TODO(exercise): ZREM it.
  }

  /** Everyone seen within `ttlMs`, by name; the others are forgotten. */
  async online(): Promise<string[]> {
    // TODO(exercise): ZREMRANGEBYSCORE whoever was last seen `ttlMs` ago or
    // earlier, then ZRANGE the rest, sorted by name.
    return [];
  }
}
