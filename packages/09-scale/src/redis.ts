import { explainError, type Logger } from '@sockets/shared';
import { Redis, type RedisOptions } from 'ioredis';

// Connections to Redis through ioredis. It reconnects by itself after a drop
// (with a growing delay), and re-subscribes a pub/sub connection to its
// channels when it is back, which node-redis does not; Socket.IO's Redis
// adapters chose it for that reason.

// #region connections
/**
 * For commands whose failure someone must hear about (XADD, PUBLISH): while
 * Redis is unreachable they fail at once, instead of waiting in ioredis's
 * offline queue and going out, late and unannounced, whenever Redis is back;
 * and one cut off mid-flight fails rather than being sent twice.
 */
export const failFast: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  autoResendUnfulfilledCommands: false,
};

/**
 * For the connection that waits for new messages (XREAD BLOCK, SUBSCRIBE): it
 * waits through an outage, and ioredis sends the unfinished read again, or
 * subscribes again, once Redis is back.
 */
export const waitThrough: RedisOptions = {
  enableOfflineQueue: true,
  maxRetriesPerRequest: null,
  autoResendUnfulfilledCommands: true,
};
// #endregion connections

/**
 * Connects to `url` and resolves once Redis answers; rejects, in one line,
 * when it cannot be reached at start-up. After that, ioredis reconnects on its
 * own; `role` names the connection in our log lines and in Redis's CLIENT LIST.
 */
export async function connectRedis(
  url: string,
  role: string,
  log: Logger,
  options: RedisOptions,
): Promise<Redis> {
  const redis = new Redis(url, {
    ...options,
    lazyConnect: true,
    connectionName: role.replaceAll(' ', '-'),
  });
  // One line when the connection goes and one when it is back, not one per
  // attempt in between; without an 'error' listener ioredis prints its own.
  let up = false;
  let lost = false;
  let lastError: unknown;
  redis.on('error', (error) => {
    lastError = error;
  });
  redis.on('close', () => {
    if (!up || closingOnPurpose.has(redis)) return;
    up = false;
    lost = true;
    log.warn(`${role}: lost Redis at ${url}; reconnecting`);
  });
  redis.on('ready', () => {
    up = true;
    if (lost) log.info(`${role}: Redis is back`);
    lost = false;
  });
  try {
    await redis.connect();
  } catch (error) {
    disconnect(redis);
    // The 'error' event has the cause (ECONNREFUSED …); the rejection only says it closed.
    throw new Error(`cannot reach Redis at ${url}: ${explainError(lastError ?? error)}`);
  }
  return redis;
}

/** Connections we are closing ourselves: their 'close' is no news. */
const closingOnPurpose = new WeakSet<Redis>();

/** Closes a connection without waiting for Redis (which may be gone). */
export function disconnect(redis: Redis): void {
  closingOnPurpose.add(redis);
  redis.disconnect(false);
}
