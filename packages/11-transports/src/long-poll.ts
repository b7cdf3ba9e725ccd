import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Logger, peerName } from '@sockets/shared';
import { RETRY_AFTER, sendEmpty, sendJson } from './http.ts';
import type { Meter } from './meter.ts';
import type { Tick, Ticker } from './ticker.ts';

// Seed 002: long polling is "sort of a hack to HTTP where the server does not
// respond immediately to the client request. After a server response, the
// client immediately sends a new request". The request waits here until
// there is news, so news arrives at once; but every tick still costs a whole
// request and response, and every waiting client holds a connection and a
// timer on the server. Those are bounded: past MAX_HELD_POLLS, 503.

interface HeldPoll {
  response: ServerResponse;
  timer: NodeJS.Timeout;
}

export interface LongPollOptions {
  longPollTimeoutMs: number;
  maxHeldPolls: number;
  log: Logger;
}

// #region long-poll
export class LongPolls {
  readonly #held = new Set<HeldPoll>();
  readonly #unsubscribe: () => void;

  constructor(
    readonly ticker: Ticker,
    readonly meter: Meter,
    readonly options: LongPollOptions,
  ) {
    // One listener for all the waiting polls, not one each.
    this.#unsubscribe = ticker.subscribe((tick) => {
      for (const poll of [...this.#held]) this.#answer(poll, [tick]);
    });
  }

  /** How many polls are waiting now. */
  get held(): number {
    return this.#held.size;
  }

  /** GET /long-poll?after=<n>: the ticks after n at once if there are any, else the next one. */
  handle(request: IncomingMessage, response: ServerResponse, after: number | undefined): void {
    // Without `after`, the client wants news from now on; with it, whatever it
    // missed while it was away is still here (up to HISTORY ticks back).
    const missed = after === undefined ? [] : this.ticker.since(after);
    if (missed.length > 0) {
      this.#deliver(response, missed);
      return;
    }
    const { maxHeldPolls, longPollTimeoutMs, log } = this.options;
    if (this.#held.size >= maxHeldPolls) {
      // 503 is temporary (RFC 9110 §15.6.4); RETRY_AFTER says when to come back.
      log.warn(
        `refused a long poll from ${peerName(request.socket)}: ${maxHeldPolls} already held (503)`,
      );
      sendEmpty(response, 503, RETRY_AFTER);
      return;
    }
    const poll: HeldPoll = {
      response,
      // No news in time: 204, and the client asks again. Proxies cut requests
      // that stay silent too long, so a long poll must not wait forever.
      timer: setTimeout(() => this.#answer(poll, []), longPollTimeoutMs),
    };
    this.#held.add(poll);
    log.debug(`holding a long poll from ${peerName(request.socket)} (${this.#held.size} held)`);
    // The client gave up (closed the tab, lost its connection): forget it.
    response.once('close', () => this.#release(poll));
  }
  // #endregion long-poll

  #answer(poll: HeldPoll, ticks: Tick[]): void {
    this.#release(poll);
    if (ticks.length === 0) sendEmpty(poll.response, 204);
    else this.#deliver(poll.response, ticks);
  }

  #release(poll: HeldPoll): void {
    clearTimeout(poll.timer);
    this.#held.delete(poll);
  }

  #deliver(response: ServerResponse, ticks: Tick[]): void {
    this.meter.usage.updates += ticks.length;
    sendJson(response, 200, ticks);
  }

  /** Shutting down: every waiting poll is told to go away (503, and the connection closes). */
  close(): void {
    this.#unsubscribe();
    for (const poll of [...this.#held]) {
      this.#release(poll);
      sendEmpty(poll.response, 503, { ...RETRY_AFTER, Connection: 'close' });
    }
  }
}
