// Exercise 02.1: spot duplicates and gaps. UDP neither numbers nor acknowledges datagrams:
// one can be lost, arrive twice (a client's retry after a slow reply) or overtake another.
// The client numbers its messages (` #1`, ` #2` …), so the server can tell, per client.
//
// Check your work: pnpm exercise 02 1

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
  // TODO(exercise): read the number after the last "#" at the very end of the message.
  return undefined;
}

/**
 * Remembers, for each peer (`address:port`, from `rinfo`), which numbers it has sent. A
 * client's numbers start at 1; each peer is tracked on its own, since many share one socket.
 */
export class SequenceTracker {
  // TODO(exercise): per peer (a Map), remember the highest number so far and the set of
  // numbers below it that have not arrived.

  record(peer: string, sequence: number): Arrival {
    // TODO(exercise): compare `sequence` with what `peer` sent before:
    //   highest + 1            → next
    //   above highest + 1      → gap, listing the numbers skipped (remember them as missing)
    //   one of the missing     → late (and it is no longer missing)
    //   anything else          → duplicate
    return { kind: 'next' };
  }

  /** The numbers from `peer` that have not arrived, smallest first. */
  missing(peer: string): number[] {
    // TODO(exercise)
    return [];
  }
}
