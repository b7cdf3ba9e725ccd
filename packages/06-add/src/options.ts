import {
  type Env,
  envAllowedOrigins,
  envOptions,
  type Logger,
  SEND_BUFFER_LIMIT,
} from '@sockets/shared';

// Every number seed 004 hard-codes is a named option with the seed's value as
// default and an environment override, so tests and workshops can shrink it.

// #region server-options
export interface AddServerOptions {
  /** HOST: where to listen. */
  host: string;
  /** PORT: seed 004's `NewWsServer(5657)`; 0 asks for any free port. */
  port: number;
  /** HANDSHAKE_TIMEOUT_MS: seed 004's `Upgrader{HandshakeTimeout: 5 * time.Second}`; 0 turns it off. */
  handshakeTimeoutMs: number;
  /**
   * READ_TIMEOUT_MS: seed 004's `conn.SetReadDeadline(time.Now().Add(20 * time.Second))`;
   * 0 turns it off.
   */
  readTimeoutMs: number;
  /** MAX_MESSAGE_BYTES: the largest request we read; seed 004 sets no limit at all. */
  maxMessageBytes: number;
  /**
   * SEND_BUFFER_LIMIT: once this many bytes of replies wait unsent to one
   * client, we read no more of its requests until they drain. The default is
   * @sockets/shared's SEND_BUFFER_LIMIT, the bound lesson 05's ws server and
   * lesson 07 use too. Seed 004 needs no such
   * number: its WriteJSON blocks while the kernel's buffer is full, and so its
   * loop stops reading by itself.
   */
  sendBufferLimit: number;
  /** CLOSE_TIMEOUT_MS: on shutdown, how long we wait for each client's side of the close handshake. */
  closeTimeoutMs: number;
  /** ALLOWED_ORIGINS: browser origins that may connect; default: this server's own page. */
  allowedOrigins?: readonly string[];
  log?: Logger;
}

export const serverDefaults: AddServerOptions = {
  host: 'localhost',
  port: 5657,
  handshakeTimeoutMs: 5_000,
  readTimeoutMs: 20_000,
  maxMessageBytes: 4096,
  sendBufferLimit: SEND_BUFFER_LIMIT,
  // As in lessons 01 and 05: ws waits 30 s, but a peer that is still there answers in milliseconds.
  closeTimeoutMs: 2_000,
};

export function serverOptionsFromEnv(env: Env): AddServerOptions {
  return { ...envOptions(env, serverDefaults), allowedOrigins: envAllowedOrigins(env) };
}
// #endregion server-options

// #region client-options
export interface AddClientOptions {
  /** URL: seed 004's `dialer.Dial("ws://localhost:5657/add", header)`. */
  url: string;
  /** COUNT: seed 004's client sends 10 requests. */
  count: number;
  /** INTERVAL_MS: and sleeps one second after each reply. */
  intervalMs: number;
  /** A and B: seed 004's `socket.Request{A: 7, B: 4}`. */
  a: number;
  b: number;
  /** HANDSHAKE_TIMEOUT_MS: how long to wait for the 101; seed 004's `Dialer{}` waits forever. */
  handshakeTimeoutMs: number;
  /**
   * MAX_MESSAGE_BYTES: the largest reply we read (a sum is a few bytes); ws's
   * own default is 100 MiB, which any server could make us hold.
   */
  maxMessageBytes: number;
  log?: Logger;
}

export const clientDefaults: AddClientOptions = {
  url: 'ws://localhost:5657/add',
  count: 10,
  intervalMs: 1_000,
  a: 7,
  b: 4,
  handshakeTimeoutMs: 5_000,
  maxMessageBytes: 4096,
};

export function clientOptionsFromEnv(env: Env): AddClientOptions {
  return envOptions(env, clientDefaults);
}
// #endregion client-options
