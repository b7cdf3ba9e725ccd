import { afterEach } from 'vitest';

export type Cleanup = () => unknown;

/**
 * Call once at the top of a test file (or describe block). It returns `track`:
 * hand it a function that closes what a test opened, and it runs after that
 * test, pass or fail, newest first (clients before the server they talk to).
 */
export function useCleanup(): <T extends Cleanup>(cleanup: T) => T {
  const pending: Cleanup[] = [];
  afterEach(async () => {
    const cleanups = pending.splice(0).reverse();
    for (const cleanup of cleanups) await cleanup();
  });
  return (cleanup) => {
    pending.push(cleanup);
    return cleanup;
  };
}
