import type { MessageExtension, Role } from '@sockets/frames';
import { type Env, envAllowedOrigins, envOptions, type Logger } from '@sockets/shared';

// Every number seed 001 leaves to gorilla (or to chance) is a named option with
// a default and an environment override, so tests and workshops can shrink it.

// #region server-options
export interface EchoServerOptions {
  /** HOST: where to listen. */
  host: string;
  /** PORT: seed 001's `http.ListenAndServe(":8080", nil)`; 0 asks for any free port. */
  port: number;
  /** HANDSHAKE_TIMEOUT_MS: a connection must finish its upgrade request in this time (seed 004). */
  handshakeTimeoutMs: number;
  /** IDLE_TIMEOUT_MS: a connection silent this long is closed with 1001; 0 never. */
  idleTimeoutMs: number;
  /** CLOSE_TIMEOUT_MS: how long we wait for the peer's side of the close handshake. */
  closeTimeoutMs: number;
  /** MAX_MESSAGE_BYTES: the largest message we echo; above it, close 1009. */
  maxMessageBytes: number;
  /** ALLOWED_ORIGINS: browser origins that may connect; default: this server's own page. */
  allowedOrigins?: readonly string[];
  /** An extension to negotiate (lesson 08's permessage-deflate); default: decline them all. */
  extensions?: ExtensionSupport;
  /** The HTML served at `/` instead of this lesson's page.html (lesson 08 shows its own). */
  page?: string;
  log?: Logger;
}

export const serverDefaults: EchoServerOptions = {
  host: 'localhost',
  port: 8080,
  handshakeTimeoutMs: 5_000,
  // gorilla and ws have no idle timeout at all: a silent peer holds a socket forever.
  idleTimeoutMs: 60_000,
  // ws waits 30 s; a peer that is still there answers a close frame in milliseconds.
  closeTimeoutMs: 2_000,
  maxMessageBytes: 16 * 1024 * 1024,
};

export function serverOptionsFromEnv(env: Env): EchoServerOptions {
  return { ...envOptions(env, serverDefaults), allowedOrigins: envAllowedOrigins(env) };
}
// #endregion server-options

// #region extension-support
/**
 * How a later lesson plugs an extension into this server and client (RFC 6455
 * §9): the Sec-WebSocket-Extensions a client offers, the answer a server
 * gives, and the connection's extension once both sides agree. Lesson 08's
 * permessage-deflate is one.
 */
export interface ExtensionSupport {
  /** client: what to offer */
  offer(): string;
  /** server: the answer to a client's offer, or undefined to decline it */
  answer(offered: string | undefined): string | undefined;
  /** both: the extension from the 101's Sec-WebSocket-Extensions; throws on an answer a client cannot accept */
  start(agreed: string, role: Role): MessageExtension;
}
// #endregion extension-support

// #region client-options
export interface EchoClientOptions {
  /** URL: seed 001's `url.URL{Scheme: "ws", Host: "localhost:8080", Path: "/echo"}`. */
  url: string;
  /** INTERVAL_MS: seed 001's `time.Sleep(1 * time.Second)` between messages. */
  intervalMs: number;
  /** COUNT: stop after this many replies with a normal close; 0 runs until Ctrl+C, as the seed does. */
  count: number;
  /** TEXT: seed 001's `[]byte("hello, server!")`. */
  text: string;
  /** HANDSHAKE_TIMEOUT_MS: how long to wait for the 101. */
  handshakeTimeoutMs: number;
  /** CLOSE_TIMEOUT_MS: how long to wait for the server's side of the close handshake. */
  closeTimeoutMs: number;
  /** An extension to offer (lesson 08's permessage-deflate); default: none. */
  extensions?: ExtensionSupport;
  log?: Logger;
}

export const clientDefaults: EchoClientOptions = {
  url: 'ws://localhost:8080/echo',
  intervalMs: 1_000,
  count: 0,
  text: 'hello, server!',
  handshakeTimeoutMs: 5_000,
  closeTimeoutMs: 2_000,
};

export function clientOptionsFromEnv(env: Env): EchoClientOptions {
  return envOptions(env, clientDefaults);
}
// #endregion client-options
