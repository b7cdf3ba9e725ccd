import { describe, expect, it } from 'vitest';
import { clientOptionsFromEnv, serverOptionsFromEnv } from '../src/options.ts';

describe('server options', () => {
  it('defaults to seed 004’s values', () => {
    expect(serverOptionsFromEnv({})).toEqual({
      host: 'localhost',
      port: 5657,
      handshakeTimeoutMs: 5000,
      readTimeoutMs: 20000,
      maxMessageBytes: 4096,
      sendBufferLimit: 16384,
      closeTimeoutMs: 2000,
    });
  });

  it('reads each option from its environment variable', () => {
    const env = {
      HOST: '0.0.0.0',
      PORT: '9000',
      HANDSHAKE_TIMEOUT_MS: '500',
      READ_TIMEOUT_MS: '1000',
      MAX_MESSAGE_BYTES: '128',
      SEND_BUFFER_LIMIT: '1024',
      CLOSE_TIMEOUT_MS: '300',
      ALLOWED_ORIGINS: 'http://a.example, https://b.example',
    };
    expect(serverOptionsFromEnv(env)).toEqual({
      host: '0.0.0.0',
      port: 9000,
      handshakeTimeoutMs: 500,
      readTimeoutMs: 1000,
      maxMessageBytes: 128,
      sendBufferLimit: 1024,
      closeTimeoutMs: 300,
      allowedOrigins: ['http://a.example', 'https://b.example'],
    });
  });

  it('refuses a value that is not a whole number', () => {
    expect(() => serverOptionsFromEnv({ READ_TIMEOUT_MS: '20s' })).toThrow(
      'READ_TIMEOUT_MS must be a whole number of 0 or more, got "20s"',
    );
  });
});

describe('client options', () => {
  it('defaults to seed 004’s client: 10 requests of 7 + 4, one second apart', () => {
    expect(clientOptionsFromEnv({})).toEqual({
      url: 'ws://localhost:5657/add',
      count: 10,
      intervalMs: 1000,
      a: 7,
      b: 4,
      handshakeTimeoutMs: 5000,
      maxMessageBytes: 4096,
    });
  });

  it('reads each option from its environment variable', () => {
    const env = {
      URL: 'ws://127.0.0.1:1234/add',
      COUNT: '2',
      INTERVAL_MS: '10',
      A: '1',
      B: '2',
      HANDSHAKE_TIMEOUT_MS: '300',
      MAX_MESSAGE_BYTES: '64',
    };
    expect(clientOptionsFromEnv(env)).toEqual({
      url: 'ws://127.0.0.1:1234/add',
      count: 2,
      intervalMs: 10,
      a: 1,
      b: 2,
      handshakeTimeoutMs: 300,
      maxMessageBytes: 64,
    });
  });
});
