import { type Env, envAllowedOrigins, envOptions, envString } from '@sockets/shared';
import { handshakeDefaults } from './server-handshake.ts';

// #region options-from-env
export interface ServerOptions {
  /** HOST: where to listen. */
  host: string;
  /** PORT: seed 001's `http.ListenAndServe(":8080", nil)`; 0 asks for any free port. */
  port: number;
  /** HANDSHAKE_TIMEOUT_MS: seed 004's HandshakeTimeout; a slower request head gets 408. */
  handshakeTimeoutMs: number;
  /** MAX_HEADER_BYTES: the longest request head we read before answering 431. */
  maxHeaderBytes: number;
  /** ALLOWED_ORIGINS: browser origins that may connect; default: this server's own page. */
  allowedOrigins: string[] | undefined;
}

export const serverDefaults: ServerOptions = {
  host: 'localhost',
  port: 8080,
  ...handshakeDefaults,
  allowedOrigins: undefined,
};

export function serverOptionsFromEnv(env: Env): ServerOptions {
  return { ...envOptions(env, serverDefaults), allowedOrigins: envAllowedOrigins(env) };
}

export interface ClientOptions {
  /** URL: where to send the upgrade request. */
  url: string;
  /** HANDSHAKE_TIMEOUT_MS: how long to wait for the whole response head. */
  handshakeTimeoutMs: number;
  /** PROTOCOLS: seed 000's `Sec-WebSocket-Protocol: chat, superchat`. */
  protocols: string[];
  /** ORIGIN: unset sends none, like the seeds' Go clients (and any non-browser client). */
  origin: string | undefined;
  /** COOKIE: seed 004's client sends `Cookie: name=zcy`. */
  cookie: string;
}

export const clientDefaults: ClientOptions = {
  url: 'ws://localhost:8080/chat',
  handshakeTimeoutMs: handshakeDefaults.handshakeTimeoutMs,
  protocols: ['chat', 'superchat'],
  origin: undefined,
  cookie: 'name=zcy',
};

export function clientOptionsFromEnv(env: Env): ClientOptions {
  const origin = envString(env, 'ORIGIN', '');
  return { ...envOptions(env, clientDefaults), origin: origin === '' ? undefined : origin };
}
// #endregion options-from-env
