import { afterEach } from 'vitest';

export type Cleanup = () => unknown;

/**
 * Call once at the top of a test file (or describe block). It returns `track`:
 * hand it a function that closes what a test opened, and it runs after that
 * test, pass or fail, newest first (clients before the server they talk to).
 * Every cleanup runs even when one before it fails: a client that will not
 * close must not leave a redis-server or a browser running.
 */
export function useCleanup(): <T extends Cleanup>(cleanup: T) => T {
  const pending: Cleanup[] = [];
  afterEach(() => runCleanups(pending.splice(0).reverse()));
  return (cleanup) => {
    pending.push(cleanup);
    return cleanup;
  };
}

/** Runs each cleanup in turn, all of them, then throws what failed. */
export async function runCleanups(cleanups: readonly Cleanup[]): Promise<void> {
  const failures: unknown[] = [];
  for (const cleanup of cleanups) {
    try {
      await cleanup();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, `${failures.length} cleanups failed`);
}
