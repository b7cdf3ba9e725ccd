import { describe, expect, it } from 'vitest';
import { serverDefaults, serverOptionsFromEnv } from '../src/options.ts';

describe('serverOptionsFromEnv', () => {
  it("reads HANDSHAKE_TIMEOUT_MS, with lessons 05 and 06's 5 s as default", () => {
    expect(serverOptionsFromEnv({}).handshakeTimeoutMs).toBe(5000);
    expect(serverOptionsFromEnv({ HANDSHAKE_TIMEOUT_MS: '250' }).handshakeTimeoutMs).toBe(250);
    expect(serverDefaults.handshakeTimeoutMs).toBe(5000);
  });

  it("reads CLOSE_TIMEOUT_MS, with lessons 01 and 05's 2 s as default", () => {
    expect(serverOptionsFromEnv({}).closeTimeoutMs).toBe(2000);
    expect(serverOptionsFromEnv({ CLOSE_TIMEOUT_MS: '300' }).closeTimeoutMs).toBe(300);
  });
});
