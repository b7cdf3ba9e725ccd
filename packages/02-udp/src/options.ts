import { type Env, envOptions, type Logger } from '@sockets/shared';

export interface ServerOptions {
  /** HOST: where the server listens. */
  host?: string;
  /** PORT: seed 000 names no port; lesson 01 (TCP) uses 7000, so UDP takes the next one. */
  port?: number;
  /**
   * DROP_FIRST: pretend the first N datagrams were lost: the server logs them
   * and does not reply. Loopback almost never loses a datagram, so tests and
   * workshops lose some on purpose to watch the client's timeout and retry at work.
   */
  dropFirst?: number;
  log?: Logger;
}

export const serverDefaults: Required<Omit<ServerOptions, 'log'>> = {
  host: 'localhost',
  port: 7001,
  dropFirst: 0,
};

export interface UdpClientOptions {
  /** HOST: where the server is. */
  host?: string;
  /** PORT: the server's port. */
  port?: number;
  /**
   * READ_TIMEOUT_MS: how long to wait for a reply before sending the datagram
   * again; seed 000 reads with no deadline, so one lost datagram blocks it forever.
   */
  readTimeoutMs?: number;
  /** RETRIES: how many times to send it again before giving up. */
  retries?: number;
  log?: Logger;
}

export interface ClientOptions extends UdpClientOptions {
  /** COUNT: how many messages to send, one after another; seed 000 sends one and reads one reply. */
  count?: number;
  /** MESSAGE: the text of each message; the client adds a sequence number (` #1`, ` #2` …). */
  message?: string;
}

export const clientDefaults: Required<Omit<ClientOptions, 'log'>> = {
  host: serverDefaults.host,
  port: serverDefaults.port,
  readTimeoutMs: 1000,
  retries: 3,
  count: 1,
  message: 'hello, server!',
};

export function serverOptionsFromEnv(env: Env): ServerOptions {
  return envOptions(env, serverDefaults);
}

export function clientOptionsFromEnv(env: Env): ClientOptions {
  return envOptions(env, clientDefaults);
}
