import type { Server } from 'node:http';
import { explainError } from './errors.ts';
import { createLogger, type Logger, type LogSink } from './log.ts';

/** Anything a program can shut down cleanly: a server, a client connection. */
export interface Closable {
  close(): Promise<void>;
}

// #region shutdown
// One shutdown policy for every server, lesson 01's: stop accepting, ask each
// open connection to close (a FIN in 01, a 1001 close frame from 05 on), wait
// for them, but at most closeTimeoutMs, and drop whoever is left with one log
// line each. Calling close() again is harmless: it returns the same promise.

/** `close` that runs once: a second call (a second Ctrl+C, a test's cleanup) gets the first one's promise. */
export function closeOnce(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= close();
    return closing;
  };
}

/**
 * Stops an HTTP server that also carries WebSockets: no new connections,
 * the ones still speaking plain HTTP (a page load kept alive) dropped, then
 * `closeConnections` for the upgraded ones, which node:http no longer tracks.
 */
export async function shutDown(
  server: Server,
  closeConnections: () => Promise<void>,
): Promise<void> {
  const stopped = new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
  server.closeAllConnections();
  await closeConnections();
  await stopped;
}

/** One open connection, as shutdown sees it. */
export interface Departing {
  /** Who it is in a log line: `127.0.0.1:56724`, `ann`. */
  readonly name: string;
  /** Starts closing it politely: a close frame with 1001, going away. */
  goAway(): void;
  /** Resolves once it is closed, however that happened. */
  readonly closed: Promise<unknown>;
  /** Cuts it off, without waiting for the peer any longer. */
  drop(): void;
}

/** Asks every connection to go away, and drops those still open after closeTimeoutMs. */
export async function closeAll(
  connections: Iterable<Departing>,
  closeTimeoutMs: number,
  log: Logger,
): Promise<void> {
  const open = new Set(connections);
  const closed = [...open].map((connection) =>
    connection.closed.then(() => open.delete(connection)),
  );
  for (const connection of open) connection.goAway();
  const timer = setTimeout(() => {
    for (const connection of open) {
      log.warn(`${connection.name} did not close within ${closeTimeoutMs} ms: dropping it`);
      connection.drop();
    }
  }, closeTimeoutMs);
  try {
    await Promise.all(closed);
  } finally {
    clearTimeout(timer);
  }
}
// #endregion shutdown

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
const START_GRACE_MS = 250;

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
      new Promise<typeof notYet>((resolve) => setTimeout(resolve, START_GRACE_MS, notYet)),
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
