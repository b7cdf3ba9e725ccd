import {
  type ChatServerOptions,
  serverDefaults as chatServerDefaults,
  serverOptionsFromEnv as chatServerOptionsFromEnv,
} from '@sockets/chat';
import {
  createLogger,
  type Env,
  envChoice,
  envList,
  envOptions,
  type Logger,
} from '@sockets/shared';
import type { BusKind } from './bus.ts';

// Lesson 07's options (HOST, PORT, PING_INTERVAL_MS, SEND_QUEUE_LIMIT …), and
// what running on Redis adds.

// #region server-options
export interface ScaleServerOptions extends ChatServerOptions {
  /** REDIS_URL: where Redis is, e.g. redis://localhost:6379. Empty: start a private redis-server. */
  redisUrl: string;
  /** BUS: 'streams' (the default: history, resume) or 'pubsub' (at most once, no history). */
  bus: BusKind;
  /** CHANNEL: the stream's key or the pub/sub channel: servers sharing it share one chat. */
  channel: string;
  /** HISTORY_LIMIT: how many of the latest messages a client that comes back may be sent. */
  historyLimit: number;
  /**
   * STREAM_LENGTH: about how many messages the stream keeps (XADD MAXLEN ~): many more than
   * HISTORY_LIMIT, because trimming also removes entries that a busy process
   * has not read yet. A burst longer than this between two of its reads
   * would be lost to that process for good.
   */
  streamLength: number;
  /** WORKERS: with 2 or more, that many worker processes share the port (node:cluster). */
  workers: number;
}

export const serverDefaults: ScaleServerOptions = {
  ...chatServerDefaults,
  redisUrl: '',
  bus: 'streams',
  channel: 'chat',
  historyLimit: 100,
  streamLength: 10_000,
  workers: 0,
  log: createLogger('scale'),
};
// #endregion server-options

/** Lesson 07's reader with these defaults: every option from its variable (see envOptions). */
export function serverOptionsFromEnv(env: Env): ScaleServerOptions {
  return {
    ...chatServerOptionsFromEnv(env, serverDefaults),
    bus: envChoice(env, 'BUS', ['streams', 'pubsub'], serverDefaults.bus),
  };
}

/** Settings that cannot work together, said before anything starts. */
export function checkScaleOptions(options: ScaleServerOptions): void {
  // A client that comes back is sent up to HISTORY_LIMIT messages at once;
  // they must fit in its send queue, or it would be evicted as too slow.
  if (options.historyLimit > options.sendQueueLimit) {
    throw new Error(
      `HISTORY_LIMIT (${options.historyLimit}) must be at most SEND_QUEUE_LIMIT (${options.sendQueueLimit}): a returning client is sent that many messages at once`,
    );
  }
  if (options.streamLength < options.historyLimit) {
    throw new Error(
      `STREAM_LENGTH (${options.streamLength}) must be at least HISTORY_LIMIT (${options.historyLimit}): the history is read from the stream`,
    );
  }
}

// #region client-options
export interface ScaleClientOptions {
  /** URL: one WebSocket URL, or several separated by commas: after a drop the client tries the next. */
  urls: string[];
  /** NAME: as in lesson 07, sent as `?name=`; empty lets the server pick one. */
  name: string;
  /** COUNT: send this many messages, wait until they come back, close; 0: read lines from stdin. */
  count: number;
  /** RECONNECT_MIN_MS: the first reconnect waits about this long; each failed attempt doubles it … */
  reconnectMinMs: number;
  /** RECONNECT_MAX_MS: … up to this. */
  reconnectMaxMs: number;
  log: Logger;
}

export const clientDefaults: ScaleClientOptions = {
  urls: ['ws://localhost:8080/ws'],
  name: '',
  count: 0,
  reconnectMinMs: 500,
  reconnectMaxMs: 30_000,
  log: createLogger('scale'),
};

export function clientOptionsFromEnv(env: Env): ScaleClientOptions {
  // URL, as in lesson 07, may list several.
  return { ...envOptions(env, clientDefaults), urls: envList(env, 'URL', clientDefaults.urls) };
}
// #endregion client-options
