import { type Env, envInteger, envString, type Logger } from '@sockets/shared';

// Seed 000 names no port; lesson 01 (TCP) uses 7000, so UDP takes the next one.
// Ports are per protocol: TCP 7001 and UDP 7001 would not even collide.
export const defaultPort = 7001;

export interface ServerOptions {
  host: string;
  port: number;
  /**
   * Pretend the first N datagrams were lost: the server logs them and does not
   * reply. Loopback almost never loses a datagram, so tests and workshops lose
   * some on purpose to watch the client's timeout and retry at work.
   */
  dropFirst?: number;
  log?: Logger;
}

export interface ClientOptions {
  host: string;
  port: number;
  /** How many messages to send, one after another. */
  count: number;
  /** The text of each message; the client adds a sequence number (` #1`, ` #2` …). */
  message: string;
  /** How long to wait for a reply before sending the datagram again. */
  readTimeoutMs: number;
  /** How many times to send it again before giving up. */
  retries: number;
  log?: Logger;
}

export function serverOptionsFromEnv(env: Env): ServerOptions {
  return {
    host: envString(env, 'HOST', 'localhost'),
    port: envInteger(env, 'PORT', defaultPort),
    dropFirst: envInteger(env, 'DROP_FIRST', 0),
  };
}

export function clientOptionsFromEnv(env: Env): ClientOptions {
  return {
    host: envString(env, 'HOST', 'localhost'),
    port: envInteger(env, 'PORT', defaultPort),
    // seed 000: the client sends one message and reads one reply.
    count: envInteger(env, 'COUNT', 1),
    message: envString(env, 'MESSAGE', 'hello, server!'),
    // seed 000 reads with no deadline, so one lost datagram blocks it forever.
    readTimeoutMs: envInteger(env, 'READ_TIMEOUT_MS', 1000),
    retries: envInteger(env, 'RETRIES', 3),
  };
}
