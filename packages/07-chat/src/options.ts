import { handshakeDefaults } from '@sockets/handshake';
import {
  createLogger,
  type Env,
  envAllowedOrigins,
  envChoice,
  envOptions,
  type Logger,
} from '@sockets/shared';

// Every number seed 004 hard-codes (gorilla's examples/chat: client.go's
// constants, hub.go's channel sizes, main.go's `:8080`) is an option here, with
// the seed's value as default and an environment variable to override it.

// #region server-options
export type BroadcastEncoding = 'once' | 'per-client';

export interface ChatServerOptions {
  /** HOST: where to listen. */
  host: string;
  /** PORT: seed 004's main.go serves on :8080; 0 asks for any free port. */
  port: number;
  /**
   * HANDSHAKE_TIMEOUT_MS: seed 004's `Upgrader{HandshakeTimeout: 5 * time.Second}`, as in lessons 05 and 06: a
   * connection must finish its upgrade request in this time, else 408. 0 turns it off.
   */
  handshakeTimeoutMs: number;
  /** ALLOWED_ORIGINS: browser origins that may connect; default: this server's own page. */
  allowedOrigins?: string[];
  /** PING_INTERVAL_MS: seed 004's pingPeriod = (pongWait * 9) / 10 = 54 s. */
  pingIntervalMs: number;
  /** PONG_TIMEOUT_MS: seed 004's pongWait = 60 s, the read deadline each pong pushes back. */
  pongTimeoutMs: number;
  /** MAX_MESSAGE_BYTES: seed 004's maxMessageSize = 512 bytes; a bigger message closes with 1009. */
  maxMessageBytes: number;
  /** SEND_QUEUE_LIMIT: seed 004's `send: make(chan []byte, 256)`; a client further behind is evicted. */
  sendQueueLimit: number;
  /** SEND_QUEUE_BYTES: the same queue bounded in bytes, since 256 messages may be small or large. */
  sendQueueBytes: number;
  /** ANNOUNCE_LIMIT: name each join and leave while at most this many are online (see hub.ts). */
  announceLimit: number;
  /** BROADCAST_ENCODING: 'once' (one encoding shared by all) or 'per-client' (the naive way, for the bench). */
  broadcastEncoding: BroadcastEncoding;
  /** CLOSE_TIMEOUT_MS: on shutdown, how long we wait for each client's side of the close handshake. */
  closeTimeoutMs: number;
  log: Logger;
}

export const serverDefaults: ChatServerOptions = {
  host: 'localhost',
  port: 8080,
  handshakeTimeoutMs: handshakeDefaults.handshakeTimeoutMs,
  pingIntervalMs: 54_000,
  pongTimeoutMs: 60_000,
  maxMessageBytes: 512,
  sendQueueLimit: 256,
  sendQueueBytes: 256 * 1024,
  announceLimit: 100,
  broadcastEncoding: 'once',
  // As in lessons 01, 05 and 06: RFC 6455 §7.1.1 asks us to wait for the peer's close
  // frame, and a peer that is still there answers in milliseconds.
  closeTimeoutMs: 2_000,
  log: createLogger('chat'),
};
// #endregion server-options

/**
 * Each option from its variable (see envOptions). Lessons 09 and 10 pass their
 * own defaults, which add options to these, and read them all here.
 */
export function serverOptionsFromEnv<T extends ChatServerOptions = ChatServerOptions>(
  env: Env,
  defaults: T = serverDefaults as T,
): T {
  return {
    ...envOptions(env, defaults),
    allowedOrigins: envAllowedOrigins(env),
    broadcastEncoding: envChoice(
      env,
      'BROADCAST_ENCODING',
      ['once', 'per-client'],
      defaults.broadcastEncoding,
    ),
  };
}

export interface ChatClientOptions {
  /** URL: the chat server's WebSocket endpoint. */
  url: string;
  /** NAME: sent as `?name=`; empty lets the server pick one (guest-1, guest-2 …). */
  name: string;
  /** COUNT: send this many scripted messages, then close with 1000; 0 means read lines from stdin. */
  count: number;
  log: Logger;
}

export const clientDefaults: ChatClientOptions = {
  url: 'ws://localhost:8080/ws',
  name: '',
  count: 0,
  log: createLogger('chat'),
};

export function clientOptionsFromEnv(env: Env): ChatClientOptions {
  return envOptions(env, clientDefaults);
}
