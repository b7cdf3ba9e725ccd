import type { ServerOptions } from 'node:http';

// #region http-deadline
/**
 * The handshake timeout for a node:http server (seed 004's `HandshakeTimeout`,
 * 5 s). node:http never gives up on a client that is slow to send its request
 * unless asked: `headersTimeout` bounds the time from a connection's first
 * byte to the end of its request's headers, and an upgrade request is nothing
 * but headers. When it passes, node:http answers 408 Request Timeout and
 * closes. It checks its connections every `connectionsCheckingInterval` ms
 * (30 s by default), so we check ten times per timeout. Once upgraded, a
 * socket is no longer node:http's and these limits stop applying: the
 * WebSocket's own timeouts take over. 0 turns it off.
 *
 * The raw-socket server (server-handshake.ts) does the same with its own timer.
 */
export function handshakeDeadline(timeoutMs: number): ServerOptions {
  if (timeoutMs === 0) return { headersTimeout: 0, requestTimeout: 0 };
  return {
    headersTimeout: timeoutMs,
    // node:http insists that requestTimeout >= headersTimeout; a GET has no body.
    requestTimeout: timeoutMs,
    connectionsCheckingInterval: Math.max(10, Math.ceil(timeoutMs / 10)),
  };
}
// #endregion http-deadline
