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
  const log = createLogger(scope, (_level, line) => {
    lines.push(line);
    added.emit('line', line);
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
