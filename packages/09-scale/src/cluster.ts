import cluster, { type Worker } from 'node:cluster';
import { once } from 'node:events';
import { type Closable, createLogger, explainError, formatUrl } from '@sockets/shared';
import type { ScaleServerOptions } from './options.ts';
import { startScaleServer } from './server.ts';

// WORKERS=n: n processes on one port, with node:cluster. The primary process
// runs no chat; it starts the workers, each of which runs bin/server.ts again
// and so a whole chat server. The primary holds the listening socket and hands
// each new connection to a worker in turn, so neighbours in one browser may land
// on different workers; the bus is what lets them talk. Node's one thread per
// process is why: n workers can use n cores.

/** What the primary sends a worker to make it close the way Ctrl+C would. */
const SHUTDOWN = 'shutdown';
/** What a worker tells the primary once its server is ready (after its own log lines). */
const READY = 'ready';

// #region primary
export async function startWorkers(options: ScaleServerOptions): Promise<Closable> {
  const { log, workers: count } = options;
  let closing = false;
  // The workers read the same environment, plus the Redis the primary chose.
  // The pid is there to try it: `kill <pid>` ends one worker, and another starts.
  const fork = () => {
    const worker = cluster.fork({ REDIS_URL: options.redisUrl });
    log.info(`started worker ${worker.id} (pid ${worker.process.pid})`);
  };

  const allListening = new Promise<number>((resolve, reject) => {
    let listening = 0;
    let port = 0;
    cluster.on('listening', (_worker, address) => {
      port = address.port;
    });
    cluster.on('message', (_worker, message) => {
      if (message !== READY) return;
      listening += 1;
      if (listening === count) resolve(port);
    });
    cluster.on('exit', (worker, code, signal) => {
      if (closing) return;
      if (listening < count) {
        reject(new Error(`worker ${worker.id} exited (${signal ?? code}) before it listened`));
        return;
      }
      // A crashed worker's clients reconnect (to the others, then to it).
      log.warn(`worker ${worker.id} exited (${signal ?? code}); starting another`);
      fork();
    });
  });
  for (let i = 0; i < count; i++) fork();

  const close = async () => {
    closing = true;
    const workers = Object.values(cluster.workers ?? {}).filter(
      (w): w is Worker => w !== undefined,
    );
    await Promise.all(
      workers.map(async (worker) => {
        const exited = once(worker, 'exit');
        if (worker.isConnected()) worker.send(SHUTDOWN);
        await exited;
      }),
    );
  };
  try {
    const port = await allListening;
    log.info(`listening on ${formatUrl('http', options.host, port, '/')} (${count} workers)`);
  } catch (error) {
    await close();
    throw error;
  }
  return { close };
}
// #endregion primary

// #region worker
/**
 * A worker's whole life: one chat server, until the primary says SHUTDOWN.
 * Ctrl+C in a terminal reaches every process of the group; a worker leaves it
 * to the primary, which tells each worker in turn, so the log reads in order.
 * A SIGTERM meant for this worker alone closes it the same way. (A worker
 * whose primary dies outright is ended by node:cluster when the channel
 * between them closes.)
 */
export async function runWorker(options: ScaleServerOptions): Promise<void> {
  const worker = cluster.worker!;
  const log = createLogger(`scale worker ${worker.id}`);
  const started = startScaleServer({ ...options, log });
  let closing = false;
  // Told to close while still starting, it closes once started. A start that
  // fails is reported below, and leaves nothing to close.
  const close = () => {
    if (closing) return;
    closing = true;
    started.then(
      async (server) => {
        await server.close();
        log.info('closed');
        process.exit(0);
      },
      () => undefined,
    );
  };
  // Handled, so that it does not end the process: the primary relays it as SHUTDOWN.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', close);
  process.on('message', (message) => {
    if (message === SHUTDOWN) close();
  });
  try {
    await started;
    process.send?.(READY);
  } catch (error) {
    // The primary reports that this worker exited before it listened.
    log.error(explainError(error));
    process.exitCode = 1;
    // Without this, the channel to the primary would keep the worker running.
    worker.disconnect();
  }
}
// #endregion worker
