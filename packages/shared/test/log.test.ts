import { describe, expect, it } from 'vitest';
import { createLogger, type LogLevel } from '../src/log.ts';

describe('createLogger', () => {
  it('writes `[scope] message`, labelling warnings and errors', () => {
    const written: [LogLevel, string][] = [];
    const log = createLogger('echo', (level, line) => written.push([level, line]));
    log.info('listening on ws://localhost:8080/echo');
    log.warn('slow client');
    log.error('boom');
    expect(written).toEqual([
      ['info', '[echo] listening on ws://localhost:8080/echo'],
      ['warn', '[echo] warn: slow client'],
      ['error', '[echo] error: boom'],
    ]);
  });
});
