import type { IncomingMessage } from 'node:http';
import { quote } from '@sockets/shared';
import type { WebSocket } from 'ws';

// The limits a server open to the internet needs, so that one visitor (or one
// script) cannot take what everyone shares: sockets, memory, the others'
// attention. Each is an option with an environment override (options.ts).

// #region client-address
/**
 * Who is really at the other end. Behind nginx every connection comes from
 * nginx's address, and the visitor's is in X-Forwarded-For, which nginx's
 * `$proxy_add_x_forwarded_for` appends to: `<what the client sent>, <client>`.
 * Anyone can send that header, so we believe it only from a proxy we run
 * (`trustedProxies`), and only its last entry, the one our proxy wrote; the
 * entries before it are whatever the client claimed.
 */
export function clientAddress(request: IncomingMessage, trustedProxies: readonly string[]): string {
  const direct = request.socket.remoteAddress ?? 'unknown';
  const forwarded = request.headers['x-forwarded-for'];
  if (!trustedProxies.includes(direct) || typeof forwarded !== 'string') return direct;
  const last = forwarded.split(',').at(-1)?.trim();
  return last === undefined || last === '' ? direct : last;
}
// #endregion client-address

// #region per-ip
/** How many WebSockets each address has open. Addresses with none are forgotten. */
export class ConnectionsPerIp {
  private readonly open = new Map<string, number>();

  constructor(private readonly limit: number) {}

  /** Counts one more for `address`, or returns false when it already has `limit`. */
  tryAdd(address: string): boolean {
    const count = this.open.get(address) ?? 0;
    if (count >= this.limit) return false;
    this.open.set(address, count + 1);
    return true;
  }

  remove(address: string): void {
    const count = (this.open.get(address) ?? 1) - 1;
    if (count <= 0) this.open.delete(address);
    else this.open.set(address, count);
  }
}
// #endregion per-ip

/** RFC 6455 §7.4.1: 1008, "a message that violates its policy". */
export const POLICY_VIOLATION = 1008;

// #region rate
/**
 * At most `perSecond` messages in any one second from a user, counted over
 * all of their tabs: the count is per name, not per socket, or opening ten
 * tabs would buy ten times the rate. A fixed one-second window is the
 * simplest counter that bounds it (a burst of 2 × perSecond can straddle two
 * windows; exercise 07.1's token bucket smooths that).
 */
export class MessageRate {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();
  /** When the map grows past this, windows that are over are swept out. */
  private sweepAbove = 1024;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = performance.now.bind(performance),
  ) {}

  /** Counts a message from `user`; false when it is one too many. */
  allow(user: string): boolean {
    const now = this.now();
    let window = this.windows.get(user);
    if (window === undefined || now - window.startedAt >= 1000) {
      window = { startedAt: now, count: 0 };
      this.windows.set(user, window);
      if (this.windows.size > this.sweepAbove) this.sweep(now);
    }
    window.count += 1;
    return window.count <= this.perSecond;
  }

  /**
   * A window that is over counts for nothing, so forgetting it changes no
   * answer; the map stays about as big as the number of users who spoke in
   * the last second, however many ever did.
   */
  private sweep(now: number): void {
    for (const [user, window] of this.windows) {
      if (now - window.startedAt >= 1000) this.windows.delete(user);
    }
    this.sweepAbove = Math.max(1024, 2 * this.windows.size);
  }

  /** How many users it remembers (for tests). */
  get size(): number {
    return this.windows.size;
  }
}
// #endregion rate

export interface WatchOptions {
  name: string;
  rate: MessageRate;
  idleTimeoutMs: number;
  log: { warn(message: string): void; info(message: string): void };
}

// #region watch
/**
 * Runs before lesson 07's Member sees a message (its 'message' listener is
 * added first), so a message over the limit closes the socket and 07's
 * Member, which relays only while the socket is open, drops it.
 */
export function watchSocket(socket: WebSocket, { name, rate, idleTimeoutMs, log }: WatchOptions) {
  let idle = setTimeout(onIdle, idleTimeoutMs);
  function onIdle() {
    log.info(`${name} idle for ${idleTimeoutMs} ms: closing with 1000`);
    socket.close(1000, 'idle for too long');
  }
  socket.on('message', () => {
    clearTimeout(idle);
    idle = setTimeout(onIdle, idleTimeoutMs);
    if (socket.readyState !== socket.OPEN || rate.allow(name)) return;
    log.warn(`${name} sends too fast: closing with ${POLICY_VIOLATION}`);
    socket.close(POLICY_VIOLATION, 'too many messages');
  });
  socket.on('close', () => clearTimeout(idle));
}
// #endregion watch

/** For a log line: the address, and the one it came through when that differs. */
export function describeAddress(address: string, request: IncomingMessage): string {
  const direct = request.socket.remoteAddress;
  return direct === address ? address : `${quote(address)} via ${direct}`;
}
