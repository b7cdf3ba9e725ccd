import { type Env, envAllowedOrigins, envInteger, envList, envString } from '@sockets/shared';
import { handshakeDefaults } from './server-handshake.ts';

// #region options-from-env
export interface ServerOptions {
  host: string;
  port: number;
  handshakeTimeoutMs: number;
  maxHeaderBytes: number;
  allowedOrigins: string[] | undefined;
}

export function serverOptionsFromEnv(env: Env): ServerOptions {
  return {
    host: envString(env, 'HOST', 'localhost'),
    port: envInteger(env, 'PORT', 8080),
    handshakeTimeoutMs: envInteger(
      env,
      'HANDSHAKE_TIMEOUT_MS',
      handshakeDefaults.handshakeTimeoutMs,
    ),
    maxHeaderBytes: envInteger(env, 'MAX_HEADER_BYTES', handshakeDefaults.maxHeaderBytes),
    allowedOrigins: envAllowedOrigins(env),
  };
}

export interface ClientOptions {
  url: string;
  handshakeTimeoutMs: number;
  protocols: string[];
  origin: string | undefined;
  cookie: string;
}

export function clientOptionsFromEnv(env: Env): ClientOptions {
  const origin = envString(env, 'ORIGIN', '');
  return {
    url: envString(env, 'URL', 'ws://localhost:8080/chat'),
    handshakeTimeoutMs: envInteger(
      env,
      'HANDSHAKE_TIMEOUT_MS',
      handshakeDefaults.handshakeTimeoutMs,
    ),
    // seed 000: `Sec-WebSocket-Protocol: chat, superchat`
    protocols: envList(env, 'PROTOCOLS', ['chat', 'superchat']),
    // Unset: no Origin, like the seeds' Go clients (and any non-browser client).
    origin: origin === '' ? undefined : origin,
    // seed 004: the client sends `Cookie: name=zcy`
    cookie: envString(env, 'COOKIE', 'name=zcy'),
  };
}
// #endregion options-from-env
