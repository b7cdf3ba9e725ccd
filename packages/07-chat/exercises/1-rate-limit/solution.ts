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
import { WebSocket } from 'ws';

export interface TokenBucketOptions {
  /** The most tokens the bucket holds: the longest burst allowed. It starts full. */
  capacity: number;
  /** Tokens added per second: the steady rate allowed. */
  refillPerSecond: number;
  /** The time in milliseconds; default performance.now (which never goes backwards). */
  now?: () => number;
}

export class TokenBucket {
  #tokens: number;
  #updatedAt: number;
  readonly #now: () => number;

  constructor(private readonly options: TokenBucketOptions) {
    this.#now = options.now ?? (() => performance.now());
    this.#tokens = options.capacity;
    this.#updatedAt = this.#now();
  }

  /** The tokens in the bucket now (a fraction of one counts for nothing yet). */
  get tokens(): number {
    this.#refill();
    return this.#tokens;
  }

  /** Takes one token and returns true, or returns false if there is not a whole one. */
  take(): boolean {
    this.#refill();
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  #refill(): void {
    const now = this.#now();
    const elapsedMs = Math.max(0, now - this.#updatedAt);
    // Fractions are kept: 100 ms at 5 per second adds half a token, and the
    // next 100 ms complete it. Rounding down each time would lose them.
    this.#tokens = Math.min(
      this.options.capacity,
      this.#tokens + (elapsedMs * this.options.refillPerSecond) / 1000,
    );
    this.#updatedAt = now;
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
  socket.on('message', () => {
    if (socket.readyState !== WebSocket.OPEN || bucket.take()) return;
    log.warn(`${name} sends too fast: closing with ${POLICY_VIOLATION}`);
    socket.close(POLICY_VIOLATION, 'too many messages');
  });
}
