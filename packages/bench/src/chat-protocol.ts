// What the parent of `bench chat` and its load-generator workers say to each
// other over IPC, and the text the sender puts in each chat message.

export type ToWorker =
  | { type: 'connect'; url: string; clients: number }
  /** Start counting afresh: each client should now receive `messages` of the sender's. */
  | { type: 'expect'; messages: number }
  /** Report now, whether or not everything arrived. */
  | { type: 'report' }
  | { type: 'close' };

export interface WorkerReport {
  type: 'report';
  /** the sender's messages received since `expect`, summed over this worker's clients */
  received: number;
  /** messages that did not carry the next sequence number their client expected */
  outOfOrder: number;
  /** clients the server closed (an eviction, a timeout) */
  closedByServer: number;
  /** when the last counted message arrived (ms since 1970) */
  lastArrivalAt: number;
  latency: [number, number][];
}

export type FromWorker =
  | { type: 'connected'; clients: number }
  /** The answer to `expect`: counting starts now, so the sender may begin. */
  | { type: 'expecting' }
  | WorkerReport;

/** Milliseconds since 1970 with sub-millisecond precision, comparable across processes. */
export const epochNow = () => performance.timeOrigin + performance.now();

/**
 * The sender writes `bench <seq> <sent at, µs since 1970> `, padded to the
 * message size. Whole numbers, so the load generator reads them digit by digit.
 */
export function benchText(seq: number, bytes: number): string {
  return `bench ${seq} ${Math.round(epochNow() * 1000)} `.padEnd(bytes, 'x');
}

export interface BenchStamp {
  seq: number;
  /** ms since 1970 */
  sentAt: number;
}

/**
 * Finds the sender's text in a chat event as it arrives, without JSON.parse
 * and without making a string: the hub writes it as `"text":"bench <seq> <µs> xxx…"`.
 * The load generator does this 100,000 times a second, on a core it shares.
 */
const benchMarker = Buffer.from('"text":"bench ');
const space = 0x20;
const zero = 0x30;
export function parseBenchMessage(data: Buffer): BenchStamp | undefined {
  const at = data.indexOf(benchMarker);
  if (at === -1) return undefined;
  let i = at + benchMarker.length;
  let seq = 0;
  for (; i < data.length && data[i] !== space; i++) seq = seq * 10 + data[i]! - zero;
  let sentAtMicros = 0;
  for (i++; i < data.length && data[i] !== space; i++) {
    sentAtMicros = sentAtMicros * 10 + data[i]! - zero;
  }
  return { seq, sentAt: sentAtMicros / 1000 };
}

const newline = 0x0a;

/**
 * The sender's stamps in one frame. Our hub and the Go seed hub send one
 * envelope per frame; gorilla's coalescing hub joins the envelopes queued for
 * a client with newlines (JSON escapes a newline inside a string, so a raw
 * one only ever separates envelopes).
 */
export function benchStamps(frame: Buffer): BenchStamp[] {
  const stamps: BenchStamp[] = [];
  for (let start = 0; start < frame.length; ) {
    const found = frame.indexOf(newline, start);
    const end = found === -1 ? frame.length : found;
    const stamp = parseBenchMessage(frame.subarray(start, end));
    if (stamp !== undefined) stamps.push(stamp);
    start = end + 1;
  }
  return stamps;
}
