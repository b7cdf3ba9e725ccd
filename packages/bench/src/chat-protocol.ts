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

/** The sender writes `bench <seq> <sent at, ms since 1970>`, padded to the message size. */
export function benchText(seq: number, bytes: number): string {
  return `bench ${seq} ${epochNow().toFixed(3)} `.padEnd(bytes, 'x');
}

export function parseBenchText(text: string): { seq: number; sentAt: number } | undefined {
  const [tag, seq, sentAt] = text.split(' ', 3);
  if (tag !== 'bench') return undefined;
  return { seq: Number(seq), sentAt: Number(sentAt) };
}

/**
 * Finds the sender's text in a chat event as it arrives, without JSON.parse:
 * the hub writes it as `"text":"bench <seq> <sent at> xxx…"`.
 */
const benchMarker = Buffer.from('"text":"bench ');
export function parseBenchMessage(data: Buffer): { seq: number; sentAt: number } | undefined {
  const at = data.indexOf(benchMarker);
  if (at === -1) return undefined;
  const start = at + '"text":"'.length;
  return parseBenchText(data.toString('latin1', start, start + 48));
}
