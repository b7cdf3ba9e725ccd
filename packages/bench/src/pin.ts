import { execFileSync } from 'node:child_process';

// On a 2-core machine a server and its load generator fight for the same
// cores, and two identical servers can measure ±12% apart. Pinning the server
// to CPU 0 and the load generator to CPU 1 (`taskset`, Linux) brings that to a
// few percent. Where taskset is missing the bench still runs, unpinned, and
// says so.

/** The CPU the server under test runs on. */
export const serverCpu = 0;
/** The CPU the load generators (this process, its workers, the Go load generator) run on. */
export const loadGeneratorCpu = 1;

export function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Pins this process (all its threads) to `cpu`; false when that is not possible. */
export function pinThisProcess(cpu: number): boolean {
  if (!hasTaskset()) return false;
  execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(process.pid)], {
    stdio: 'ignore',
  });
  return true;
}
