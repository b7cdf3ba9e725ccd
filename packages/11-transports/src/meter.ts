import type { Duplex } from 'node:stream';

// What each transport costs, counted where it is certain: on the server's TCP
// sockets. `socket.bytesRead` and `socket.bytesWritten` count every byte of a
// connection, HTTP request lines, headers and chunked-encoding sizes included,
// which is what a browser really sends and receives (less TCP/IP's own headers,
// and less TLS, which these local connections do not use).
//
// One keep-alive connection can carry requests for several transports one
// after another (the page, then a poll), so a meter takes from a socket only
// what it read and wrote since anyone last looked: each transport counts at
// the start of its request and again once it has written its answer.

// #region meter
export interface Usage {
  /** HTTP requests (a WebSocket's handshake is one). */
  requests: number;
  /** Bytes from the client: request lines, headers, WebSocket frames. */
  bytesUp: number;
  /** Bytes to the client: status lines, headers, bodies, events, frames. */
  bytesDown: number;
  /** Ticks delivered: what the bytes bought. */
  updates: number;
}

/** Where each socket's counters stood when a meter last took from them. */
const counted = new WeakMap<Duplex, { read: number; written: number }>();

export class Meter {
  readonly usage: Usage = { requests: 0, bytesUp: 0, bytesDown: 0, updates: 0 };

  /** Adds what `socket` read and wrote since it was last counted, by any meter. */
  count(socket: Duplex): void {
    const { bytesRead = 0, bytesWritten = 0 } = socket as Duplex & {
      bytesRead?: number;
      bytesWritten?: number;
    };
    const before = counted.get(socket) ?? { read: 0, written: 0 };
    this.usage.bytesUp += bytesRead - before.read;
    this.usage.bytesDown += bytesWritten - before.written;
    counted.set(socket, { read: bytesRead, written: bytesWritten });
  }
}
// #endregion meter

export type TransportName = 'poll' | 'longPoll' | 'sse' | 'ws';

export const transportNames: readonly TransportName[] = ['poll', 'longPoll', 'sse', 'ws'];

/** One meter per transport, and one for everything else (the page, /stats). */
export type Meters = Record<TransportName | 'other', Meter>;

export function newMeters(): Meters {
  return {
    poll: new Meter(),
    longPoll: new Meter(),
    sse: new Meter(),
    ws: new Meter(),
    other: new Meter(),
  };
}
