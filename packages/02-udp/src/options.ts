import { type Env, envInteger, envString, type Logger } from '@sockets/shared';

export const defaults = {
  host: 'localhost',
  // Seed 000 names no port; lesson 01 (TCP) uses 7000, so UDP takes the next one.
  port: 7001,
  dropFirst: 0,
  // seed 000: the client sends one message and reads one reply.
  count: 1,
  message: 'hello, server!',
  // seed 000 reads with no deadline, so one lost datagram blocks it forever.
  readTimeoutMs: 1000,
  retries: 3,
};

export interface ServerOptions {
  host?: string;
  port?: number;
  /**
   * Pretend the first N datagrams were lost: the server logs them and does not
   * reply. Loopback almost never loses a datagram, so tests and workshops lose
   * some on purpose to watch the client's timeout and retry at work.
   */
  dropFirst?: number;
  log?: Logger;
}

export interface UdpClientOptions {
  host?: string;
  port?: number;
  /** How long to wait for a reply before sending the datagram again. */
  readTimeoutMs?: number;
  /** How many times to send it again before giving up. */
  retries?: number;
  log?: Logger;
}

export interface ClientOptions extends UdpClientOptions {
  /** How many messages to send, one after another. */
  count?: number;
  /** The text of each message; the client adds a sequence number (` #1`, ` #2` …). */
  message?: string;
}

export function serverOptionsFromEnv(env: Env): ServerOptions {
  return {
    host: envString(env, 'HOST', defaults.host),
    port: envInteger(env, 'PORT', defaults.port),
    dropFirst: envInteger(env, 'DROP_FIRST', defaults.dropFirst),
  };
}

export function clientOptionsFromEnv(env: Env): ClientOptions {
  return {
    host: envString(env, 'HOST', defaults.host),
    port: envInteger(env, 'PORT', defaults.port),
    count: envInteger(env, 'COUNT', defaults.count),
    message: envString(env, 'MESSAGE', defaults.message),
    readTimeoutMs: envInteger(env, 'READ_TIMEOUT_MS', defaults.readTimeoutMs),
    retries: envInteger(env, 'RETRIES', defaults.retries),
  };
}
