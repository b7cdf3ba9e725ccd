import { describe, expect, it } from 'vitest';
import {
  clientDefaults,
  clientOptionsFromEnv,
  preview,
  serverDefaults,
  serverOptionsFromEnv,
} from '../src/index.ts';

describe('serverOptionsFromEnv', () => {
  it('uses the defaults when nothing is set', () => {
    expect(serverOptionsFromEnv({})).toEqual(serverDefaults);
    expect(serverDefaults).toMatchObject({
      port: 8080,
      handshakeTimeoutMs: 5000,
      maxMessageBytes: 16 * 1024 * 1024,
    });
  });

  it('reads every option from its environment variable', () => {
    expect(
      serverOptionsFromEnv({
        HOST: '0.0.0.0',
        PORT: '9000',
        HANDSHAKE_TIMEOUT_MS: '100',
        IDLE_TIMEOUT_MS: '0',
        CLOSE_TIMEOUT_MS: '300',
        MAX_MESSAGE_BYTES: '1024',
        ALLOWED_ORIGINS: 'http://a.example, http://b.example',
      }),
    ).toEqual({
      host: '0.0.0.0',
      port: 9000,
      handshakeTimeoutMs: 100,
      idleTimeoutMs: 0,
      closeTimeoutMs: 300,
      maxMessageBytes: 1024,
      allowedOrigins: ['http://a.example', 'http://b.example'],
    });
  });

  it('refuses a value that is not a whole number', () => {
    expect(() => serverOptionsFromEnv({ IDLE_TIMEOUT_MS: '1.5s' })).toThrow(
      'IDLE_TIMEOUT_MS must be a whole number of 0 or more, got "1.5s"',
    );
  });
});

describe('clientOptionsFromEnv', () => {
  it("uses seed 001's values when nothing is set", () => {
    expect(clientOptionsFromEnv({})).toEqual(clientDefaults);
    expect(clientDefaults).toMatchObject({
      url: 'ws://localhost:8080/echo',
      intervalMs: 1000,
      text: 'hello, server!',
    });
  });

  it('reads every option from its environment variable', () => {
    expect(
      clientOptionsFromEnv({
        URL: 'ws://127.0.0.1:9000/echo',
        INTERVAL_MS: '10',
        COUNT: '3',
        TEXT: 'hi',
        HANDSHAKE_TIMEOUT_MS: '200',
        CLOSE_TIMEOUT_MS: '300',
      }),
    ).toEqual({
      url: 'ws://127.0.0.1:9000/echo',
      intervalMs: 10,
      count: 3,
      text: 'hi',
      handshakeTimeoutMs: 200,
      closeTimeoutMs: 300,
    });
  });
});

describe('preview', () => {
  it('shows short text as it is, as seed 001 prints it', () => {
    expect(preview('text', Buffer.from('hello, server!'))).toBe('"hello, server!"');
  });

  it('cuts long text after 64 bytes and says how long it was', () => {
    expect(preview('text', Buffer.from('z'.repeat(65)))).toBe(`"${'z'.repeat(64)}"… (65 bytes)`);
  });

  it('shows binary as hex, the first 16 bytes only', () => {
    expect(preview('binary', Buffer.from([1, 2]))).toBe('<binary 0102> (2 bytes)');
    expect(preview('binary', Buffer.alloc(17, 0xab))).toBe(
      `<binary ${'ab'.repeat(16)}…> (17 bytes)`,
    );
  });
});
