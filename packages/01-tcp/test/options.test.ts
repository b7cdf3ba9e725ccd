import { describe, expect, it } from 'vitest';
import { optionsFromEnv } from '../src/index.ts';

describe('optionsFromEnv', () => {
  it('has the lesson defaults: localhost:7000, lines of at most 512 bytes, no COUNT limit', () => {
    expect(optionsFromEnv({})).toEqual({
      host: 'localhost',
      port: 7000,
      maxLineBytes: 512,
      closeTimeoutMs: 2000,
      count: Number.POSITIVE_INFINITY,
      intervalMs: 1000,
      message: 'hello, server!',
    });
  });

  it('reads every option from its environment variable', () => {
    expect(
      optionsFromEnv({
        HOST: '127.0.0.1',
        PORT: '9000',
        MAX_LINE_BYTES: '64',
        CLOSE_TIMEOUT_MS: '10',
        COUNT: '3',
        INTERVAL_MS: '0',
        MESSAGE: 'hi',
      }),
    ).toEqual({
      host: '127.0.0.1',
      port: 9000,
      maxLineBytes: 64,
      closeTimeoutMs: 10,
      count: 3,
      intervalMs: 0,
      message: 'hi',
    });
  });

  it('refuses a value that is not a whole number, naming the variable', () => {
    expect(() => optionsFromEnv({ COUNT: 'three' })).toThrow(/^COUNT must be a whole number/);
  });
});
