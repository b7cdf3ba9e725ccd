import { EventEmitter } from 'node:events';
import { createLogger, type Logger } from '@sockets/shared';

export interface CapturedLog {
  log: Logger;
  /** Every line logged so far, as a learner would see it. */
  lines: string[];
  /** Resolves with the first line (already logged, or still to come) that matches. */
  waitForLine(pattern: RegExp): Promise<string>;
}

/** A logger whose lines a test can read and wait for, instead of sleeping. */
export function captureLogger(scope = 'test'): CapturedLog {
  const lines: string[] = [];
  const added = new EventEmitter();
  // Split on line breaks as a terminal would show them: a logged `\n` that
  // came from a peer shows up here as the forged line it would be.
  const log = createLogger(scope, (_level, logged) => {
    for (const line of logged.split('\n')) {
      lines.push(line);
      added.emit('line', line);
    }
  });
  const waitForLine = (pattern: RegExp) =>
    new Promise<string>((resolve) => {
      const seen = lines.find((line) => pattern.test(line));
      if (seen !== undefined) return resolve(seen);
      const onLine = (line: string) => {
        if (!pattern.test(line)) return;
        added.off('line', onLine);
        resolve(line);
      };
      added.on('line', onLine);
    });
  return { log, lines, waitForLine };
}
