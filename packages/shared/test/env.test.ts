import { describe, expect, it } from 'vitest';
import { envAllowedOrigins, envInteger, envList, envString } from '../src/env.ts';

describe('environment options', () => {
  it('fall back to the default when unset or empty', () => {
    expect(envString({}, 'HOST', 'localhost')).toBe('localhost');
    expect(envString({ HOST: '' }, 'HOST', 'localhost')).toBe('localhost');
    expect(envInteger({}, 'PORT', 8080)).toBe(8080);
    expect(envList({}, 'ALLOWED_ORIGINS', ['http://localhost:8080'])).toEqual([
      'http://localhost:8080',
    ]);
  });

  it('read what is set', () => {
    expect(envString({ HOST: '127.0.0.1' }, 'HOST', 'localhost')).toBe('127.0.0.1');
    expect(envInteger({ PORT: '0' }, 'PORT', 8080)).toBe(0);
    expect(
      envList({ ALLOWED_ORIGINS: ' http://a:1, ,http://b:2 ' }, 'ALLOWED_ORIGINS', []),
    ).toEqual(['http://a:1', 'http://b:2']);
  });

  it('refuse a number that is not a whole number, naming the variable', () => {
    expect(() => envInteger({ PORT: 'eighty' }, 'PORT', 8080)).toThrow(
      'PORT must be a whole number of 0 or more, got "eighty"',
    );
    expect(() => envInteger({ COUNT: '-1' }, 'COUNT', 0)).toThrow(/COUNT/);
    expect(() => envInteger({ COUNT: '1.5' }, 'COUNT', 0)).toThrow(/COUNT/);
  });

  it('read ALLOWED_ORIGINS as a list, or undefined when unset, for the server to fill in', () => {
    expect(envAllowedOrigins({})).toBeUndefined();
    expect(envAllowedOrigins({ ALLOWED_ORIGINS: '' })).toBeUndefined();
    expect(envAllowedOrigins({ ALLOWED_ORIGINS: ' , ' })).toBeUndefined();
    expect(envAllowedOrigins({ ALLOWED_ORIGINS: 'http://a:1, *' })).toEqual(['http://a:1', '*']);
  });
});
