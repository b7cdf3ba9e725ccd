import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventSource } from 'eventsource';
import WebSocket from 'ws';
import type { TransportName } from './meter.ts';
import { now, type Tick } from './ticker.ts';

// The four transports from a program instead of a page: what the compare
// script and the tests drive. Each does what the page does, with Node's fetch
// for the two polls, the `eventsource` package (the browser's EventSource,
// reconnection and Last-Event-ID included) and `ws`.

export interface Received {
  tick: Tick;
  /** Milliseconds from the server making the tick to this client having it. */
  latencyMs: number;
}

export interface FeedClient {
  readonly transport: TransportName;
  /** Every tick received, in the order it came. */
  readonly received: readonly Received[];
  /** Resolves once `count` ticks have been received. */
  waitForCount(count: number): Promise<void>;
  /** Resolves once tick `n`, or a later one, has been received. */
  waitForTick(n: number): Promise<void>;
  close(): Promise<void>;
}

export interface FeedClientOptions {
  /** The server's page URL, `http://localhost:7010/`. */
  url: string;
  /** Short polling: how long to wait between polls. */
  pollMs: number;
  /** Long polling: how long to wait after a failed request before the next. */
  retryMs?: number;
}

/** Opens one transport's feed; `close()` stops it. */
export function openFeed(transport: TransportName, options: FeedClientOptions): FeedClient {
  const feed = new Feed(transport);
  switch (transport) {
    case 'poll':
      feed.stop = shortPoll(feed, options);
      break;
    case 'longPoll':
      feed.stop = longPoll(feed, options);
      break;
    case 'sse':
      feed.stop = eventSource(feed, options);
      break;
    case 'ws':
      feed.stop = webSocket(feed, options);
      break;
  }
  return feed;
}

class Feed implements FeedClient {
  readonly received: Received[] = [];
  readonly #events = new EventEmitter();
  stop: () => Promise<void> = async () => {};

  constructor(readonly transport: TransportName) {}

  /** The last tick number seen: what `after` and Last-Event-ID say. */
  get last(): number | undefined {
    return this.received.at(-1)?.tick.n;
  }

  receive(tick: Tick): void {
    this.received.push({ tick, latencyMs: now() - tick.at });
    this.#events.emit('tick');
  }

  waitForCount(count: number): Promise<void> {
    return this.#waitFor(() => this.received.length >= count);
  }

  waitForTick(n: number): Promise<void> {
    return this.#waitFor(() => (this.last ?? 0) >= n);
  }

  #waitFor(done: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!done()) return;
        this.#events.off('tick', check);
        resolve();
      };
      this.#events.on('tick', check);
      check();
    });
  }

  close(): Promise<void> {
    return this.stop();
  }
}

/** Runs `loop` until close() aborts it; close() resolves once the loop has stopped. */
function looping(loop: (signal: AbortSignal) => Promise<void>): () => Promise<void> {
  const controller = new AbortController();
  const running = loop(controller.signal).catch((error: unknown) => {
    if (!controller.signal.aborted) throw error;
  });
  return async () => {
    controller.abort();
    await running;
  };
}

function withAfter(url: string, path: string, after: number | undefined): string {
  return `${new URL(path, url)}${after === undefined ? '' : `?after=${after}`}`;
}

// #region short-poll-client
function shortPoll(feed: Feed, { url, pollMs }: FeedClientOptions): () => Promise<void> {
  return looping(async (signal) => {
    while (!signal.aborted) {
      try {
        const response = await fetch(withAfter(url, '/poll', feed.last), { signal });
        if (response.status === 200) feed.receive((await response.json()) as Tick);
        else await response.arrayBuffer(); // 204: nothing new, and no body to read
      } catch {
        if (signal.aborted) return; // else the server is away: try again at the next poll
      }
      await sleep(pollMs, undefined, { signal });
    }
  });
}
// #endregion short-poll-client

// #region long-poll-client
function longPoll(feed: Feed, { url, retryMs = 1_000 }: FeedClientOptions): () => Promise<void> {
  return looping(async (signal) => {
    while (!signal.aborted) {
      let waitMs = 0;
      try {
        const response = await fetch(withAfter(url, '/long-poll', feed.last), { signal });
        if (response.status === 200) {
          for (const tick of (await response.json()) as Tick[]) feed.receive(tick);
        } else {
          await response.arrayBuffer();
          // 204: the poll timed out with no news, ask again at once. 503: the
          // server holds too many polls; Retry-After says when to come back.
          if (response.status === 503) waitMs = Number(response.headers.get('retry-after')) * 1000;
        }
      } catch {
        if (signal.aborted) return;
        // The connection dropped: ask again after a pause, with the same `after`.
        waitMs = retryMs;
      }
      if (waitMs > 0) await sleep(waitMs, undefined, { signal });
    }
  });
}
// #endregion long-poll-client

function eventSource(feed: Feed, { url }: FeedClientOptions): () => Promise<void> {
  // EventSource reconnects by itself after a dropped connection, waiting the
  // `retry:` the server gave, and sends the last `id:` it saw as Last-Event-ID.
  const source = new EventSource(new URL('/events', url));
  source.onmessage = (event) => feed.receive(JSON.parse(event.data) as Tick);
  return async () => source.close();
}

function webSocket(feed: Feed, { url }: FeedClientOptions): () => Promise<void> {
  const socket = new WebSocket(new URL('/ws', url.replace(/^http/, 'ws')));
  socket.on('message', (data) => feed.receive(JSON.parse(String(data)) as Tick));
  // A refused or dropped connection just ends this feed: the caller sees the ticks stop.
  socket.on('error', () => {});
  return async () => {
    if (socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.close(1000, 'done');
    await closed;
  };
}
