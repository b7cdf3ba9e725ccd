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
 *
 * The signal handlers are in place before `main` starts: a server prints its
 * ready line from inside `main`, and a Ctrl+C (or a test's SIGINT) right after
 * that line must still close it cleanly, not kill it. A program interrupted
 * while `main` is still busy (a one-shot client, a read from stdin) exits 130,
 * as a shell expects of Ctrl+C.
 */
export async function runMain(scope: string, main: Main, sink?: LogSink): Promise<void> {
  const log = createLogger(scope, sink);
  let started: Promise<Closable | undefined> = Promise.resolve(undefined);
  closeOnSignals(() => started, log);
  // Through an async function, so that a `main` that throws before it has a
  // promise to return (a bin/ script reading a bad PORT=abc) fails the same way.
  started = (async () => main(log))();
  try {
    await started;
  } catch (error) {
    log.error(explainError(error));
    process.exitCode = 1;
  }
}

/** How long a signal waits for a `main` that is about to return what it started. */
const startGraceMs = 250;

/** SIGINT/SIGTERM close what `running()` resolves to and exit 0. */
export function closeOnSignals(
  running: () => Closable | Promise<Closable | undefined>,
  log: Logger,
): void {
  let closing = false;
  const onSignal = async (signal: NodeJS.Signals) => {
    if (closing) {
      log.warn(`${signal} again: exiting without waiting`);
      process.exit(130);
    }
    closing = true;
    const notYet = Symbol('still starting');
    const started = await Promise.race([
      Promise.resolve(running()).catch(() => undefined),
      new Promise<typeof notYet>((resolve) => setTimeout(resolve, startGraceMs, notYet)),
    ]);
    if (started === notYet || started === undefined) {
      log.info(`${signal} received: stopping`);
      process.exit(130);
    }
    log.info(`${signal} received: closing (press Ctrl+C again to force)`);
    started.close().then(
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
