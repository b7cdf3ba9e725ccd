import {
  type ChatServerOptions,
  clientOptionsFromEnv,
  serverDefaults,
  serverOptionsFromEnv,
} from '@sockets/chat';
import { createLogger, type Env, envInteger, envString, type Logger } from '@sockets/shared';
import type { BusKind } from './bus.ts';

// Lesson 07's options (HOST, PORT, PING_INTERVAL_MS, SEND_QUEUE_LIMIT …), and
// what running on Redis adds.

// #region server-options
export interface ScaleServerOptions extends ChatServerOptions {
  /** Where Redis is, e.g. redis://localhost:6379. Empty: start a private redis-server. */
  redisUrl: string;
  /** 'streams' (the default: history, resume) or 'pubsub' (at most once, no history). */
  bus: BusKind;
  /** The stream's key or the pub/sub channel: servers sharing it share one chat. */
  channel: string;
  /** How many of the latest messages a client that comes back may be sent. */
  historyLimit: number;
  /**
   * About how many messages the stream keeps (XADD MAXLEN ~): many more than
   * HISTORY_LIMIT, because trimming also removes entries that a busy process
   * has not read yet. A burst longer than this between two of its reads
   * would be lost to that process for good.
   */
  streamLength: number;
  /** With 2 or more, that many worker processes share the port (node:cluster). */
  workers: number;
}

export const scaleDefaults: ScaleServerOptions = {
  ...serverDefaults,
  redisUrl: '',
  bus: 'streams',
  channel: 'chat',
  historyLimit: 100,
  streamLength: 10_000,
  workers: 0,
  log: createLogger('scale'),
};
// #endregion server-options

export function scaleOptionsFromEnv(env: Env): ScaleServerOptions {
  const bus = envString(env, 'BUS', scaleDefaults.bus);
  if (bus !== 'streams' && bus !== 'pubsub') {
    throw new Error(`BUS must be "streams" or "pubsub", got "${bus}"`);
  }
  return {
    ...serverOptionsFromEnv(env),
    redisUrl: envString(env, 'REDIS_URL', scaleDefaults.redisUrl),
    bus,
    channel: envString(env, 'CHANNEL', scaleDefaults.channel),
    historyLimit: envInteger(env, 'HISTORY_LIMIT', scaleDefaults.historyLimit),
    streamLength: envInteger(env, 'STREAM_LENGTH', scaleDefaults.streamLength),
    workers: envInteger(env, 'WORKERS', scaleDefaults.workers),
    log: scaleDefaults.log,
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
  /** One WebSocket URL, or several separated by commas: after a drop the client tries the next. */
  urls: string[];
  name: string;
  /** Send this many messages, wait until they come back, close; 0: read lines from stdin. */
  count: number;
  /** The first reconnect waits about this long; each failed attempt doubles it … */
  reconnectMinMs: number;
  /** … up to this. */
  reconnectMaxMs: number;
  log: Logger;
}

export function scaleClientOptionsFromEnv(env: Env): ScaleClientOptions {
  const chat = clientOptionsFromEnv(env);
  return {
    urls: chat.url.split(',').map((url) => url.trim()),
    name: chat.name,
    count: chat.count,
    reconnectMinMs: envInteger(env, 'RECONNECT_MIN_MS', 500),
    reconnectMaxMs: envInteger(env, 'RECONNECT_MAX_MS', 30_000),
    log: createLogger('scale'),
  };
}
// #endregion client-options
