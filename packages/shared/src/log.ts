// One log line format for every lesson: `[scope] message`.
// Warnings and errors say so in the line and go to stderr, so a learner can
// redirect the normal chatter and still see what went wrong.

export type LogLevel = 'info' | 'warn' | 'error';

/** Where log lines go. Tests pass their own sink to read what a server said. */
export type LogSink = (level: LogLevel, line: string) => void;

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const consoleSink: LogSink = (level, line) => {
  const stream = level === 'info' ? process.stdout : process.stderr;
  stream.write(`${line}\n`);
};

export function createLogger(scope: string, sink: LogSink = consoleSink): Logger {
  const write = (level: LogLevel, message: string) => {
    const label = level === 'info' ? '' : `${level}: `;
    sink(level, `[${scope}] ${label}${message}`);
  };
  return {
    info: (message) => write('info', message),
    warn: (message) => write('warn', message),
    error: (message) => write('error', message),
  };
}
