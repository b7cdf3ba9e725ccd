import type { Hub } from './hub.ts';

// seed 004: "the client sets a read deadline on the connection and pings the
// front end periodically; if no pong comes back, the next conn.read() fails
// with a timeout and the client closes the connection". In client.go:
// pingPeriod = 54 s, pongWait = 60 s, and every pong pushes the read deadline
// back to now + pongWait.
//
// Why the server pings: browsers answer pings automatically (RFC 6455 §5.5.2,
// §5.5.3) but give a page no API to send one, so only the server can ask "are
// you still there?". Without asking, a peer that vanished (laptop lid closed,
// Wi-Fi gone) leaves a connection that looks open for hours, because TCP only
// notices a dead peer when it tries to send.

export interface HeartbeatOptions {
  pingIntervalMs: number;
  pongTimeoutMs: number;
}

// #region heartbeat
/**
 * One timer for the whole hub, not two per client: every `pingIntervalMs`
 * everybody is pinged at once, and `pongTimeoutMs - pingIntervalMs` later
 * (6 s, the slack between the seed's pingPeriod and pongWait) whoever has not
 * answered since that ping is dropped. So a silent peer goes at most
 * `pongTimeoutMs` after its last pong, which is the seed's read deadline.
 * Returns a function that stops it.
 */
export function startHeartbeat(hub: Hub, options: HeartbeatOptions): () => void {
  const { pingIntervalMs, pongTimeoutMs } = options;
  const answerWithinMs = pongTimeoutMs - pingIntervalMs;
  const pendingChecks = new Set<NodeJS.Timeout>();

  const dropSilent = (pingedAt: number) => {
    for (const member of hub.members) {
      // lastPongAt starts at the connection, so a member that connected
      // after this ping is not expected to have answered it.
      if (member.lastPongAt >= pingedAt) continue;
      hub.log.warn(`${member.name} timed out: no pong within ${pongTimeoutMs} ms`);
      // No close handshake with a peer that no longer answers; its 'close'
      // event (code 1006) unregisters it.
      member.terminate();
    }
  };

  const pingEveryone = setInterval(() => {
    const pingedAt = performance.now();
    for (const member of hub.members) member.ping();
    const check = setTimeout(() => {
      pendingChecks.delete(check);
      dropSilent(pingedAt);
    }, answerWithinMs);
    pendingChecks.add(check);
  }, pingIntervalMs);

  return () => {
    clearInterval(pingEveryone);
    for (const check of pendingChecks) clearTimeout(check);
  };
}
// #endregion heartbeat
