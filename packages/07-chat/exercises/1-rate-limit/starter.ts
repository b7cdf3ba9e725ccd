// Exercise 07.1: at most so many messages per second from each client.
//
// A token bucket holds up to `capacity` tokens and gains `refillPerSecond`
// of them every second, fractions included. Each message takes one token;
// with none left, the message is refused. So a client may send a burst of
// `capacity` messages at once, and `refillPerSecond` a second after that.
//
// The clock is an option: the real one in the server, a number a test moves
// by hand, so that "after 200 ms" needs no sleeping.

import type { Logger } from '@sockets/shared';
import type { WebSocket } from 'ws';

export interface TokenBucketOptions {
  /** The most tokens the bucket holds: the longest burst allowed. It starts full. */
  capacity: number;
  /** Tokens added per second: the steady rate allowed. */
  refillPerSecond: number;
  /** The time in milliseconds; default performance.now (which never goes backwards). */
  now?: () => number;
}

export class TokenBucket {
  constructor(private readonly options: TokenBucketOptions) {}

  /** The tokens in the bucket now (a fraction of one counts for nothing yet). */
  get tokens(): number {
    // TODO(exercise): the tokens after refilling for the time since the last call.
    return this.options.capacity;
  }

  /** Takes one token and returns true, or returns false if there is not a whole one. */
  take(): boolean {
    // TODO(exercise): refill first: add (elapsed ms × refillPerSecond / 1000)
    // tokens, never beyond capacity, and keep the fractions. Then take one if
    // there is a whole one. Read the time with `this.options.now`.
    return true;
  }
}

/** RFC 6455 §7.4.1: 1008, "a message that violates its policy". */
export const POLICY_VIOLATION = 1008;

/**
 * Closes the socket with 1008 on the first message its bucket has no token
 * for. Add it before the chat Member's listener: once we have started to
 * close, the Member relays nothing more (see member.ts, `#onMessage`).
 */
export function limitMessages(
  socket: WebSocket,
  name: string,
  bucket: TokenBucket,
  log: Logger,
): void {
  // TODO(exercise): on each 'message', take a token; with none, log a warning
  // naming the client and close with POLICY_VIOLATION, reason "too many messages".
  // Once the socket is closing (socket.readyState !== WebSocket.OPEN), take no more tokens.
  void [socket, name, bucket, log];
}
