import { explainError } from './errors.ts';
import { createLogger, type Logger, type LogSink } from './log.ts';

/** Anything a program can shut down cleanly: a server, a client connection. */
export interface Closable {
  close(): Promise<void>;
}

export type Main = (log: Logger) => Promise<Closable | undefined>;

/**
 * How every `bin/` script runs, so they all behave alike:
 * - a failure at start-up (EADDRINUSE, ECONNREFUSED …) is explained in one line
 *   and the process exits 1, with no stack trace to scare a learner;
 * - a long-running program returns what it must close, and the first SIGINT
 *   (Ctrl+C) or SIGTERM closes it cleanly and exits 0; a second one forces exit.
 */
export async function runMain(scope: string, main: Main, sink?: LogSink): Promise<void> {
  const log = createLogger(scope, sink);
  let running: Closable | undefined;
  try {
    running = await main(log);
  } catch (error) {
    log.error(explainError(error));
    process.exitCode = 1;
    return;
  }
  if (running !== undefined) closeOnSignals(running, log);
}

export function closeOnSignals(running: Closable, log: Logger): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      log.warn(`${signal} again: exiting without waiting`);
      process.exit(130);
    }
    closing = true;
    log.info(`${signal} received: closing (press Ctrl+C again to force)`);
    running.close().then(
      () => {
        log.info('closed, bye');
        process.exit(0);
      },
      (error: unknown) => {
        log.error(`could not close cleanly: ${explainError(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
