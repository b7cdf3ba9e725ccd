import {
  type ChatServerOptions,
  serverDefaults as chatServerDefaults,
  serverOptionsFromEnv as chatServerOptionsFromEnv,
} from '@sockets/chat';
import { createLogger, type Env, envChoice } from '@sockets/shared';

// Lesson 07's options (heartbeat, message size, send queues …) plus what a
// server on the internet needs on top: where its certificate is, how sessions
// are signed, and the limits that keep one visitor from taking it all.

// #region options
export interface DeployServerOptions extends ChatServerOptions {
  /** PORT: 8443, https's 443 moved up past the ports that need root; no other lesson uses it. */
  port: number;
  /**
   * TLS: `on` for https:// and wss://, `off` for plain http:// and ws:// in a
   * process behind a proxy that holds the certificate (`pnpm lesson deploy proxy`).
   */
  tls: boolean;
  /** CERT_DIR: the folder `pnpm lesson deploy cert` writes to: server.pem, server-key.pem, ca.pem. */
  certDir: string;
  /** SESSION_SECRET: the HMAC key for session cookies. Empty: a random one per run (logins end at a restart). */
  sessionSecret: string;
  /** PASSPHRASE: if set, the login form asks for it too: one passphrase shared by everyone, no user database. */
  passphrase: string;
  /** SESSION_TTL_MS: how long a login lasts. */
  sessionTtlMs: number;
  /** MAX_CONNECTIONS_PER_IP: WebSockets open at once from one address; the next one gets 429. */
  maxConnectionsPerIp: number;
  /** MESSAGES_PER_SECOND: chat messages one user may send in a second; one more closes with 1008. */
  messagesPerSecond: number;
  /** HANDSHAKE_TIMEOUT_MS: from TCP connect to a complete request (TLS handshake and HTTP head included). */
  handshakeTimeoutMs: number;
  /** IDLE_TIMEOUT_MS: a WebSocket whose user says nothing for this long is closed (pongs do not count). */
  idleTimeoutMs: number;
  /** TRUSTED_PROXIES: addresses whose X-Forwarded-For we believe: our own reverse proxy, nobody else. */
  trustedProxies: string[];
  /**
   * REDIS_URL: lesson 09's Redis, through which processes share one room and its
   * history; empty: this process is a room of its own.
   */
  redisUrl: string;
}

export const serverDefaults: DeployServerOptions = {
  ...chatServerDefaults,
  port: 8443,
  tls: true,
  certDir: '.certs',
  sessionSecret: '',
  passphrase: '',
  sessionTtlMs: 8 * 60 * 60 * 1000,
  maxConnectionsPerIp: 10,
  messagesPerSecond: 5,
  handshakeTimeoutMs: 10_000,
  idleTimeoutMs: 30 * 60 * 1000,
  trustedProxies: [],
  redisUrl: '',
  log: createLogger('deploy'),
};
// #endregion options

/** Lesson 07's reader with these defaults: every option from its variable (see envOptions). */
export function serverOptionsFromEnv(env: Env): DeployServerOptions {
  return {
    ...chatServerOptionsFromEnv(env, serverDefaults),
    tls: envChoice(env, 'TLS', ['on', 'off'], serverDefaults.tls ? 'on' : 'off') === 'on',
  };
}
