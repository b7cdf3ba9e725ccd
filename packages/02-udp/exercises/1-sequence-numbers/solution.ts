// Exercise 02.1: spot duplicates and gaps. UDP neither numbers nor acknowledges datagrams:
// one can be lost, arrive twice (a client's retry after a slow reply) or overtake another.
// The client numbers its messages (` #1`, ` #2` …), so the server can tell, per client.

/** What one datagram's sequence number says, compared with what came before from that peer. */
export type Arrival =
  /** The one we expected: one more than the highest so far. */
  | { kind: 'next' }
  /** It skipped some: those are missing (lost, or still on their way). */
  | { kind: 'gap'; missing: number[] }
  /** A number we had counted as missing, arriving after all: it was late, not lost. */
  | { kind: 'late' }
  /** A number we had already received: the same datagram again. */
  | { kind: 'duplicate' };

/** `hello, server! #12` → 12; a message without a ` #n` at its end → undefined. */
export function sequenceOf(message: string): number | undefined {
  const match = /#(\d+)$/.exec(message);
  return match ? Number(match[1]) : undefined;
}

interface PeerState {
  /** The highest sequence number received so far (0 before the first: numbers start at 1). */
  highest: number;
  /** Numbers below `highest` that have not arrived (yet). */
  missing: Set<number>;
}

/**
 * Remembers, for each peer (`address:port`, from `rinfo`), which numbers it has sent. A
 * client's numbers start at 1; each peer is tracked on its own, since many share one socket.
 */
export class SequenceTracker {
  #peers = new Map<string, PeerState>();

  record(peer: string, sequence: number): Arrival {
    let state = this.#peers.get(peer);
    if (state === undefined) {
      state = { highest: 0, missing: new Set() };
      this.#peers.set(peer, state);
    }
    if (sequence === state.highest + 1) {
      state.highest = sequence;
      return { kind: 'next' };
    }
    if (sequence > state.highest) {
      const missing: number[] = [];
      for (let n = state.highest + 1; n < sequence; n += 1) {
        missing.push(n);
        state.missing.add(n);
      }
      state.highest = sequence;
      return { kind: 'gap', missing };
    }
    // Not above the highest: either one we were missing, or one we already have.
    if (state.missing.delete(sequence)) return { kind: 'late' };
    return { kind: 'duplicate' };
  }

  /** The numbers from `peer` that have not arrived, smallest first. */
  missing(peer: string): number[] {
    return [...(this.#peers.get(peer)?.missing ?? [])].sort((a, b) => a - b);
  }
}
