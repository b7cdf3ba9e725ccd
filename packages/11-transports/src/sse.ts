import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Logger, peerName } from '@sockets/shared';
import { RETRY_AFTER, sendEmpty, tickNumber } from './http.ts';
import type { Meter } from './meter.ts';
import type { Tick, Ticker } from './ticker.ts';

// Server-Sent Events (the HTML standard, §9.2 "Server-sent events"): one GET
// whose response never ends. Seed 002 calls it HTTP streaming, "standardized
// as Server-Sent Events using a text/event-stream MIME type". The body is
// lines of text: `field: value`, a blank line ending each event.

// #region framing
export interface ServerSentEvent {
  /** `id:`: EventSource sends the last one back as `Last-Event-ID` when it reconnects. */
  id?: string | number;
  /** `event:`: the event's type; without one, the page's `onmessage` gets it. */
  event?: string;
  /** `data:`: one line per line of text; the client joins them again with `\n`. */
  data: string;
}

/** One event, as it goes on the wire. */
export function formatEvent({ id, event, data }: ServerSentEvent): string {
  let text = '';
  for (const [field, value] of [
    ['event', event],
    ['id', id],
  ] as const) {
    if (value === undefined) continue;
    // A line break would end the field early and start another: refuse it.
    if (/[\r\n]/.test(String(value))) throw new Error(`an SSE ${field} cannot hold a line break`);
    text += `${field}: ${value}\n`;
  }
  // Any of CRLF, LF or CR ends a line in an event stream.
  for (const line of data.split(/\r\n|\r|\n/)) text += `data: ${line}\n`;
  return `${text}\n`;
}

/** A line starting with `:` is a comment: the client ignores it, but it is traffic. */
export function formatComment(text: string): string {
  return `: ${text}\n\n`;
}

/** `retry:` sets how many milliseconds EventSource waits before it reconnects. */
export function formatRetry(ms: number): string {
  return `retry: ${ms}\n\n`;
}
// #endregion framing

export interface EventStreamOptions {
  maxStreams: number;
  sseRetryMs: number;
  keepAliveMs: number;
  sendBufferBytes: number;
  log: Logger;
}

interface Stream {
  name: string;
  response: ServerResponse;
}

// #region streams
export class EventStreams {
  readonly #streams = new Set<Stream>();
  readonly #unsubscribe: () => void;
  readonly #keepAlive: NodeJS.Timeout;

  constructor(
    readonly ticker: Ticker,
    readonly meter: Meter,
    readonly options: EventStreamOptions,
  ) {
    this.#unsubscribe = ticker.subscribe((tick) => {
      for (const stream of this.#streams) this.#sendTick(stream, tick);
    });
    // A stream with nothing to say for a while gets a comment: proxies and
    // load balancers close connections that stay silent (often after 60 s).
    // One timer for every stream, not one each.
    this.#keepAlive = setInterval(() => {
      for (const stream of this.#streams) this.#send(stream, formatComment('keep-alive'));
    }, options.keepAliveMs);
  }

  /** How many streams are open now. */
  get open(): number {
    return this.#streams.size;
  }

  /**
   * GET /events?after=<n>: a stream that starts with whatever the client
   * missed, then every tick.
   */
  handle(request: IncomingMessage, response: ServerResponse, after: number | undefined): void {
    // A reconnecting EventSource says which event it saw last; a bad value is a 400.
    // (node:http joins a repeated field with ", ", which is then no tick number.)
    // `after` is for a new EventSource, which sends no Last-Event-ID: the page
    // opens one when the server refused the last (below). The header, when
    // there is one, is newer: EventSource reconnects to the same URL.
    const header = request.headers['last-event-id'] as string | undefined;
    const lastId = tickNumber('Last-Event-ID', header) ?? after;
    const name = peerName(request.socket);
    const { maxStreams, log } = this.options;
    if (this.#streams.size >= maxStreams) {
      // As for a held long poll (long-poll.ts). EventSource gives up on any
      // answer but 200, so the page opens a new one after Retry-After.
      log.warn(`refused an event stream from ${name}: ${maxStreams} already open (503)`);
      sendEmpty(response, 503, RETRY_AFTER);
      return;
    }
    const stream = { name, response };
    response.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      // nginx buffers responses unless told not to, which would hold events back.
      'X-Accel-Buffering': 'no',
    });
    this.#streams.add(stream);
    response.once('close', () => {
      this.#streams.delete(stream);
      log.info(`${stream.name} closed its event stream`);
    });
    const resumed = lastId === undefined ? '' : ` after event ${lastId}`;
    log.info(`${stream.name} opened an event stream${resumed}`);
    // The headers and retry: go out now, so that EventSource reports `open` at once.
    this.#send(stream, formatRetry(this.options.sseRetryMs));
    if (lastId !== undefined) {
      for (const tick of this.ticker.since(lastId)) this.#sendTick(stream, tick);
    }
  }

  #sendTick(stream: Stream, tick: Tick): void {
    this.meter.usage.updates += 1;
    this.#send(stream, formatEvent({ id: tick.n, data: JSON.stringify(tick) }));
  }

  #send(stream: Stream, text: string): void {
    const { response } = stream;
    if (response.destroyed) return;
    response.write(text);
    this.meter.count(response.socket!);
    // A client that does not read (a frozen tab) would make us buffer every
    // tick for it without end. Past the limit its stream is dropped; when it
    // comes back, Last-Event-ID lets it catch up from the history.
    if (response.writableLength > this.options.sendBufferBytes) {
      this.options.log.warn(
        `${stream.name} reads too slowly (${response.writableLength} bytes waiting): dropping its stream`,
      );
      response.destroy();
    }
  }
  // #endregion streams

  /** Shutting down: end every stream (EventSource will try to reconnect, and find nobody). */
  close(): void {
    this.#unsubscribe();
    clearInterval(this.#keepAlive);
    for (const { response } of this.#streams) response.end();
  }
}
