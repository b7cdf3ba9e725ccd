import { describe, expect, it } from 'vitest';
import {
  envAllowedOrigins,
  envChoice,
  envInteger,
  envList,
  envName,
  envOptions,
  envString,
} from '../src/env.ts';

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

  it("name an option's variable in UPPER_SNAKE case", () => {
    expect(envName('port')).toBe('PORT');
    expect(envName('handshakeTimeoutMs')).toBe('HANDSHAKE_TIMEOUT_MS');
    expect(envName('maxConnectionsPerIp')).toBe('MAX_CONNECTIONS_PER_IP');
  });

  it('read every option of a defaults object from its variable, by the type of its default', () => {
    const log = () => {};
    const defaults = { host: 'localhost', port: 8080, protocols: ['chat'], tls: true, log };
    expect(envOptions({}, defaults)).toEqual(defaults);
    const env = { HOST: '::1', PORT: '0', PROTOCOLS: 'a, b', TLS: 'off', LOG: 'x' };
    expect(envOptions(env, defaults)).toEqual({
      host: '::1',
      port: 0,
      protocols: ['a', 'b'],
      tls: true,
      log,
    });
    expect(() => envOptions({ PORT: 'http' }, defaults)).toThrow('PORT must be a whole number');
  });

  it('read one of a few words, naming them when it is none', () => {
    const modes = ['once', 'per-client'] as const;
    expect(envChoice({}, 'MODE', modes, 'once')).toBe('once');
    expect(envChoice({ MODE: 'per-client' }, 'MODE', modes, 'once')).toBe('per-client');
    expect(() => envChoice({ MODE: 'twice' }, 'MODE', modes, 'once')).toThrow(
      'MODE must be "once" or "per-client", got "twice"',
    );
  });
});
