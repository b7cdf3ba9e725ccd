import { captureLogger, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { runUdpClient } from '../src/client.ts';
import { clientOptionsFromEnv, serverOptionsFromEnv } from '../src/options.ts';
import { startUdpServer } from '../src/server.ts';

const track = useCleanup();

describe('runUdpClient', () => {
  it('sends COUNT numbered messages and prints each reply', async () => {
    const server = await startUdpServer({ host: 'localhost', port: 0, log: captureLogger().log });
    track(() => server.close());
    const { log, lines } = captureLogger('udp-client');
    const replies = await runUdpClient({
      ...clientOptionsFromEnv({ PORT: String(server.port), COUNT: '3' }),
      log,
    });
    expect(replies).toEqual(['hello, server! #1', 'hello, server! #2', 'hello, server! #3']);
    expect(lines.filter((line) => line.includes('recv: '))).toEqual([
      '[udp-client] recv: "hello, server! #1"',
      '[udp-client] recv: "hello, server! #2"',
      '[udp-client] recv: "hello, server! #3"',
    ]);
  });
});

describe('options from the environment', () => {
  it('defaults to localhost:7001, one message, 1000 ms and 3 retries', () => {
    expect(serverOptionsFromEnv({})).toEqual({ host: 'localhost', port: 7001, dropFirst: 0 });
    expect(clientOptionsFromEnv({})).toEqual({
      host: 'localhost',
      port: 7001,
      count: 1,
      message: 'hello, server!',
      readTimeoutMs: 1000,
      retries: 3,
    });
  });

  it('reads each option from its variable', () => {
    expect(serverOptionsFromEnv({ HOST: '::1', PORT: '9001', DROP_FIRST: '2' })).toEqual({
      host: '::1',
      port: 9001,
      dropFirst: 2,
    });
    expect(
      clientOptionsFromEnv({
        HOST: '127.0.0.1',
        PORT: '9001',
        COUNT: '5',
        MESSAGE: 'hi',
        READ_TIMEOUT_MS: '50',
        RETRIES: '0',
      }),
    ).toEqual({
      host: '127.0.0.1',
      port: 9001,
      count: 5,
      message: 'hi',
      readTimeoutMs: 50,
      retries: 0,
    });
  });

  it('rejects a timeout that is not a whole number', () => {
    expect(() => clientOptionsFromEnv({ READ_TIMEOUT_MS: 'soon' })).toThrow(
      'READ_TIMEOUT_MS must be a whole number of 0 or more, got "soon"',
    );
  });
});
