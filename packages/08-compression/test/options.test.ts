import { describe, expect, it } from 'vitest';
import { clientOptionsFromEnv, serverOptionsFromEnv } from '../src/index.ts';

describe('options from the environment', () => {
  it('defaults: compression on, windows of 15 bits, context kept, 1 KiB threshold, port 7007', () => {
    expect(serverOptionsFromEnv({})).toMatchObject({
      port: 7007,
      permessageDeflate: true,
      serverNoContextTakeover: false,
      clientNoContextTakeover: false,
      serverMaxWindowBits: 15,
      clientMaxWindowBits: 15,
      thresholdBytes: 1024,
    });
    expect(clientOptionsFromEnv({}).url).toBe('ws://localhost:7007/echo');
  });

  it('reads every variable', () => {
    expect(
      clientOptionsFromEnv({
        URL: 'ws://127.0.0.1:9/echo',
        PERMESSAGE_DEFLATE: '0',
        SERVER_NO_CONTEXT_TAKEOVER: '1',
        CLIENT_NO_CONTEXT_TAKEOVER: '1',
        SERVER_MAX_WINDOW_BITS: '9',
        CLIENT_MAX_WINDOW_BITS: '12',
        COMPRESS_THRESHOLD_BYTES: '0',
        MAX_MESSAGE_BYTES: '5',
      }),
    ).toMatchObject({
      url: 'ws://127.0.0.1:9/echo',
      permessageDeflate: false,
      serverNoContextTakeover: true,
      clientNoContextTakeover: true,
      serverMaxWindowBits: 9,
      clientMaxWindowBits: 12,
      thresholdBytes: 0,
    });
    expect(serverOptionsFromEnv({ MAX_MESSAGE_BYTES: '5' }).maxMessageBytes).toBe(5);
  });

  it.each([
    [{ PERMESSAGE_DEFLATE: 'yes' }, /PERMESSAGE_DEFLATE must be a whole number/],
    [{ PERMESSAGE_DEFLATE: '2' }, /PERMESSAGE_DEFLATE must be 1 \(on\) or 0 \(off\), got "2"/],
    [{ CLIENT_MAX_WINDOW_BITS: '16' }, /CLIENT_MAX_WINDOW_BITS must be 9 to 15, got "16"/],
    [{ SERVER_MAX_WINDOW_BITS: '8' }, /SERVER_MAX_WINDOW_BITS must be 9 to 15, got "8"/],
  ])('refuses %j', (env, error) => {
    expect(() => serverOptionsFromEnv(env)).toThrow(error);
  });
});
