import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@sockets/shared';

// One Node process behind nginx: this lesson's bin/server.ts, started as its
// own process (as a process manager would start it), so that it can be
// stopped with SIGTERM and started again while the other one carries on.

const packageDir = fileURLToPath(new URL('..', import.meta.url));

export interface Backend {
  /** `node 1`, `node 2`: how log lines name it. */
  readonly label: string;
  /** 127.0.0.1:<port>, as nginx's upstream block names it. */
  readonly address: string;
  readonly child: ChildProcess;
  /** SIGTERM, as a process manager stops a process, and wait until it has exited. */
  stop(): Promise<number | null>;
}

// #region backend
/**
 * Starts bin/server.ts with `env` and resolves once it prints its ready line.
 * Each line it prints is relayed to `log`, prefixed with `label`.
 */
export async function startBackend(
  label: string,
  env: Record<string, string>,
  log: Logger,
): Promise<Backend> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/server.ts'], {
    cwd: packageDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const ready = new Promise<string>((resolve, reject) => {
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        const address = /listening on http:\/\/(\S+?)\//.exec(line)?.[1];
        if (address === undefined) return log.info(`${label} ${line}`);
        // Said in other words: the script's one `listening on` line is nginx's.
        log.info(`${label} up on ${address}`);
        resolve(address);
      });
    }
    exited.then((code) => reject(new Error(`${label} exited (${code}) before it listened`)));
  });
  const address = await ready;
  return {
    label,
    address,
    child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
// #endregion backend
