import { BusHub, StreamsBus, serverDefaults as scaleServerDefaults } from '@sockets/scale';
import type { DeployServerOptions } from './options.ts';
import { type DeployServer, startDeployServer } from './server.ts';

// #region start
/**
 * What bin/server.ts starts: the deploy server, and with REDIS_URL, lesson
 * 09's hub on a Redis stream, so that every process behind the proxy is in
 * the same room, and a page that comes back with `?since=<id>` after a
 * restart is sent what it missed.
 */
export async function startDeployProcess(options: DeployServerOptions): Promise<DeployServer> {
  if (options.redisUrl === '') {
    const server = await startDeployServer(options);
    options.log.info('no REDIS_URL: this process is a chat room of its own (lesson 09 joins them)');
    return server;
  }
  const bus = await StreamsBus.open({ ...scaleServerDefaults, ...options });
  const hub = new BusHub(options, bus);
  try {
    await bus.subscribe((message) => hub.deliver(message));
    // The host only: a Redis URL may carry a password (redis://:secret@host).
    options.log.info(
      `chat messages and their history go through Redis at ${new URL(options.redisUrl).host}`,
    );
    const server = await startDeployServer(options, { hub });
    return {
      ...server,
      close: async () => {
        await server.close();
        await bus.close();
      },
    };
  } catch (error) {
    await bus.close();
    throw error;
  }
}
// #endregion start
