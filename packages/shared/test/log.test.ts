import { describe, expect, it } from 'vitest';
import { createLogger, type LogLevel, logLevelFromEnv } from '../src/log.ts';

function collect(minLevel?: LogLevel) {
  const written: [LogLevel, string][] = [];
  const log = createLogger('echo', (level, line) => written.push([level, line]), minLevel);
  return { log, written };
}

describe('createLogger', () => {
  it('writes `[scope] message`, labelling warnings and errors', () => {
    const { log, written } = collect('debug');
    log.debug('recv: hello');
    log.info('listening on ws://localhost:8080/echo');
    log.warn('slow client');
    log.error('boom');
    expect(written).toEqual([
      ['debug', '[echo] recv: hello'],
      ['info', '[echo] listening on ws://localhost:8080/echo'],
      ['warn', '[echo] warn: slow client'],
      ['error', '[echo] error: boom'],
    ]);
  });

  it('drops lines below its level: info hides the per-message debug lines', () => {
    const { log, written } = collect('info');
    log.debug('recv: hello');
    log.info('listening');
    expect(written).toEqual([['info', '[echo] listening']]);
  });
});

describe('LOG_LEVEL', () => {
  it('defaults to everything, and names a bad value', () => {
    expect(logLevelFromEnv({})).toBe('debug');
    expect(logLevelFromEnv({ LOG_LEVEL: 'warn' })).toBe('warn');
    expect(() => logLevelFromEnv({ LOG_LEVEL: 'loud' })).toThrow(
      'LOG_LEVEL must be one of debug, info, warn, error, got "loud"',
    );
  });
});
