import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

// A private redis-server for one run: the lesson starts one when REDIS_URL is
// unset, and every test starts its own. A real Redis, not a mock: what the
// lesson teaches (Streams, pub/sub, what happens when Redis goes away) is
// Redis's behaviour, and only Redis has it.

/** What to do on a machine without redis-server: one line, every platform. */
export const installRedisHint =
  'no redis-server found on the PATH. Install one (Debian/Ubuntu: `sudo apt-get install redis-server`, macOS: `brew install redis`) or run one in Docker (`docker run -p 6379:6379 redis:7`) and set REDIS_URL=redis://localhost:6379';

export interface RedisServer {
  /** redis://127.0.0.1:<port> */
  url: string;
  port: number;
  /** Stops it (SIGTERM: Redis closes every client connection) and waits for it to exit. */
  stop(): Promise<void>;
  /** Stops it at once, as a crash or a pulled plug would (SIGKILL). */
  kill(): Promise<void>;
}

/** A port nobody listens on right now, on the loopback interface. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  if (address === null || typeof address === 'string') throw new Error('no port for the probe');
  return address.port;
}

// #region start-redis
/**
 * Starts `redis-server` from the PATH on 127.0.0.1 (on `port`, or a free one)
 * with nothing saved to disk (`--save ''`, `--appendonly no`): its data lives
 * as long as it does. Resolves once it accepts connections.
 */
export async function startRedisServer(port?: number): Promise<RedisServer> {
  const chosen = port ?? (await freePort());
  const child = spawn(
    'redis-server',
    ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // However this process ends (even process.exit() from a second Ctrl+C, or
  // a Ctrl+C while still starting), its private Redis must not outlive it.
  const killRedis = () => child.kill('SIGKILL');
  process.once('exit', killRedis);
  // Not events.once: it would reject on the 'error' of a missing redis-server.
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      process.off('exit', killRedis);
      resolve();
    });
  });
  await readyOrFailed(child);
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    stop: () => stopWith('SIGTERM'),
    kill: () => stopWith('SIGKILL'),
  };
}
// #endregion start-redis

/** Resolves when redis-server says it is ready; rejects, saying why, when it cannot start. */
function readyOrFailed(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const said: string[] = [];
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      said.push(line);
      if (line.includes('Ready to accept connections')) {
        lines.close();
        child.stdout?.resume(); // keep draining, or a chatty Redis would stall on a full pipe
        resolve();
      }
    });
    child.stderr?.on('data', (data: Buffer) => said.push(data.toString().trim()));
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new Error(installRedisHint) : error);
    });
    child.once('exit', (code) => {
      // Redis explains itself on stdout ("Could not create server TCP listening socket …").
      const reason = said.find((line) => /#|error|could not/i.test(line)) ?? said.at(-1) ?? '';
      reject(new Error(`redis-server exited (${code}) before it was ready: ${reason.trim()}`));
    });
  });
}
