import { type Env, envAllowedOrigins, envOptions, type Logger } from '@sockets/shared';

// Every number the four transports depend on is an option, with an environment
// variable to override it, so that the tests and the compare script can shrink it.

// #region server-options
export interface TransportsServerOptions {
  /** HOST: where to listen. */
  host: string;
  /** PORT: 7010, next to lessons 01 (7000) and 02 (7001); 03, 05 and 07 use 8080. */
  port: number;
  /** TICK_MS: how often the ticker makes a new value. */
  tickMs: number;
  /** POLL_MS: how long the page's short-polling panel waits between two polls. */
  pollMs: number;
  /** LONG_POLL_TIMEOUT_MS: a held poll with no news is answered 204 after this long. */
  longPollTimeoutMs: number;
  /** MAX_HELD_POLLS: at most this many long polls wait at once; the next one gets 503. */
  maxHeldPolls: number;
  /** MAX_STREAMS: at most this many event streams, and as many WebSockets, are open at once; the next one gets 503. */
  maxStreams: number;
  /** SSE_RETRY_MS: the `retry:` an event stream starts with: how long EventSource waits to reconnect. */
  sseRetryMs: number;
  /** KEEP_ALIVE_MS: how often an idle event stream gets a comment line, so proxies keep it open. */
  keepAliveMs: number;
  /** HISTORY: how many past ticks are kept for `after` and `Last-Event-ID` to catch up from. */
  history: number;
  /** SEND_BUFFER_BYTES: a stream or WebSocket with more unsent bytes than this is too slow: it is dropped. */
  sendBufferBytes: number;
  /** HANDSHAKE_TIMEOUT_MS: a request's headers must arrive in this time (seed 004). */
  handshakeTimeoutMs: number;
  /** ALLOWED_ORIGINS: browser origins that may open the WebSocket; default: this server's page. */
  allowedOrigins?: readonly string[];
  log?: Logger;
}

export const serverDefaults: TransportsServerOptions = {
  host: 'localhost',
  port: 7010,
  tickMs: 1_000,
  pollMs: 1_000,
  // Under the 30 to 60 s after which proxies and load balancers cut a silent request.
  longPollTimeoutMs: 25_000,
  maxHeldPolls: 100,
  // Each holds a connection, as a held poll does, and up to SEND_BUFFER_BYTES
  // for a client that reads slowly: 1,000 of each, at most about 130 MB.
  maxStreams: 1_000,
  // The HTML standard leaves the default to the browser: a few seconds.
  sseRetryMs: 2_000,
  keepAliveMs: 15_000,
  history: 100,
  sendBufferBytes: 64 * 1024,
  handshakeTimeoutMs: 5_000,
};

export function serverOptionsFromEnv(env: Env): TransportsServerOptions {
  const options = { ...envOptions(env, serverDefaults), allowedOrigins: envAllowedOrigins(env) };
  checkServerOptions(options);
  return options;
}
// #endregion server-options

/** Settings that would make the lesson misbehave in confusing ways are refused at start-up. */
export function checkServerOptions(options: TransportsServerOptions): void {
  // A 0 ms timer would spin; an empty history could not replay even the last tick.
  if (options.tickMs < 1) throw new Error('TICK_MS must be at least 1');
  if (options.pollMs < 1) throw new Error('POLL_MS must be at least 1');
  if (options.keepAliveMs < 1) throw new Error('KEEP_ALIVE_MS must be at least 1');
  if (options.history < 1) throw new Error('HISTORY must be at least 1');
  // 0 would refuse every long poll, stream or WebSocket with 503.
  if (options.maxHeldPolls < 1) throw new Error('MAX_HELD_POLLS must be at least 1');
  if (options.maxStreams < 1) throw new Error('MAX_STREAMS must be at least 1');
}

// #region compare-options
export interface CompareOptions {
  /** COUNT: how many ticks to measure. */
  count: number;
  /** TICK_MS, POLL_MS: as for the server, which the compare script starts for itself. */
  tickMs: number;
  pollMs: number;
  /** OUT: a file to write the results to as JSON (the lesson page's table); empty: none. */
  out: string;
}

export const compareDefaults: CompareOptions = {
  count: 30,
  tickMs: 1_000,
  pollMs: 1_000,
  out: '',
};

export function compareOptionsFromEnv(env: Env): CompareOptions {
  const options = envOptions(env, compareDefaults);
  if (options.count < 1) throw new Error('COUNT must be at least 1');
  if (options.tickMs < 1 || options.pollMs < 1)
    throw new Error('TICK_MS and POLL_MS must be at least 1');
  return options;
}
// #endregion compare-options
