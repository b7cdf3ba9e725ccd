import type { Closable } from '@sockets/shared';
import { startWorkers } from './cluster.ts';
import { checkScaleOptions, type ScaleServerOptions } from './options.ts';
import { startRedisServer } from './redis-server.ts';
import { startScaleServer } from './server.ts';

// What `pnpm lesson scale server` runs: the Redis to use (REDIS_URL's, or a
// private one), then one server, or WORKERS of them sharing the port.

// #region start
export async function startScale(options: ScaleServerOptions): Promise<Closable> {
  checkScaleOptions(options); // before starting anything
  if (options.redisUrl !== '') return startServers(options);

  const redis = await startRedisServer();
  options.log.info(
    `started a private redis-server at ${redis.url} (REDIS_URL is unset; it keeps nothing on disk and stops with this server)`,
  );
  try {
    const servers = await startServers({ ...options, redisUrl: redis.url });
    return {
      close: async () => {
        await servers.close();
        await redis.stop();
      },
    };
  } catch (error) {
    await redis.stop();
    throw error;
  }
}
// #endregion start

function startServers(options: ScaleServerOptions): Promise<Closable> {
  return options.workers >= 2 ? startWorkers(options) : startScaleServer(options);
}
