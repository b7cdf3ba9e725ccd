import { type ChildProcess, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createInterface } from 'node:readline';

export interface RunningScript {
  readonly child: ChildProcess;
  /** Every line the script printed so far, stdout and stderr interleaved. */
  readonly output: string[];
  /** Resolves with the first matching line (already printed or still to come). */
  waitForLine(pattern: RegExp): Promise<RegExpMatchArray>;
  /** The ready line's URL: `listening on <url>`. */
  ready(): Promise<string>;
  /** The exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** Send a signal (SIGINT by default, as Ctrl+C does) and wait for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface ScriptOptions {
  /** Command-line arguments for the script. */
  args?: readonly string[];
  /** Pin the process to this CPU with `taskset` (Linux), as the benchmarks do. */
  cpu?: number;
  /**
   * Start it in a process group of its own and send `stop()`'s signal to the whole group, as
   * a terminal's Ctrl+C does: for a script that runs the program in a child process of its own
   * (`pnpm lesson`) and leaves the signal to reach it from the terminal. Not on Windows.
   */
  group?: boolean;
}

/**
 * Run one of a lesson's `bin/` scripts the way `pnpm server` does (through tsx),
 * with PORT=0 unless the test says otherwise, so that any number of tests can
 * run side by side. Stop it (or let `useCleanup` stop it) when the test ends.
 */
export function startScript(
  packageDir: string,
  file: string,
  env: Record<string, string> = {},
  { args = [], cpu, group = false }: ScriptOptions = {},
): RunningScript {
  const node = [process.execPath, '--import', 'tsx', file, ...args];
  const command = cpu === undefined ? node : ['taskset', '-c', String(cpu), ...node];
  const child = spawn(command[0]!, command.slice(1), {
    cwd: packageDir,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: group,
  });
  const output: string[] = [];
  const printed = new EventEmitter();
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      output.push(line);
      printed.emit('line', line);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  const waitForLine = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = (line: string) => line.match(pattern);
      for (const line of output) {
        const match = check(line);
        if (match) return resolve(match);
      }
      const onLine = (line: string) => {
        const match = check(line);
        if (!match) return;
        printed.off('line', onLine);
        resolve(match);
      };
      printed.on('line', onLine);
      exited.then((code) => {
        printed.off('line', onLine);
        reject(
          new Error(`${file} exited (${code}) before printing ${pattern}:\n${output.join('\n')}`),
        );
      });
    });

  return {
    child,
    output,
    waitForLine,
    ready: async () => (await waitForLine(/listening on (\S+)/))[1]!,
    exited,
    stop: async (signal = 'SIGINT') => {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      if (group) process.kill(-child.pid!, signal);
      else child.kill(signal);
      return exited;
    },
  };
}
