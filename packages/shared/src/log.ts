// One log line format for every lesson: `[scope] message`.
// Warnings and errors say so in the line and go to stderr, so a learner can
// redirect the normal chatter and still see what went wrong.
//
// `debug` is for a line per message (the seeds print every message they
// receive); LOG_LEVEL=info hides those and keeps the events (ready line,
// connect, close), which is what a load test wants.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** Where log lines go. Tests pass their own sink to read what a server said. */
export type LogSink = (level: LogLevel, line: string) => void;

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const consoleSink: LogSink = (level, line) => {
  const stream = level === 'debug' || level === 'info' ? process.stdout : process.stderr;
  stream.write(`${line}\n`);
};

/** LOG_LEVEL from the environment: the least important level still printed (default debug: all). */
export function logLevelFromEnv(env: Record<string, string | undefined>): LogLevel {
  const wanted = env.LOG_LEVEL;
  if (wanted === undefined || wanted === '') return 'debug';
  if (!LEVELS.includes(wanted as LogLevel)) {
    throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, got "${wanted}"`);
  }
  return wanted as LogLevel;
}

export function createLogger(
  scope: string,
  sink: LogSink = consoleSink,
  minLevel: LogLevel = logLevelFromEnv(process.env),
): Logger {
  const shown = new Set(LEVELS.slice(LEVELS.indexOf(minLevel)));
  const write = (level: LogLevel, message: string) => {
    if (!shown.has(level)) return;
    const label = level === 'info' || level === 'debug' ? '' : `${level}: `;
    sink(level, `[${scope}] ${label}${message}`);
  };
  return {
    debug: (message) => write('debug', message),
    info: (message) => write('info', message),
    warn: (message) => write('warn', message),
    error: (message) => write('error', message),
  };
}
