import type { ChatEvent } from '@sockets/chat';
import { encodeFrame, Opcode } from '@sockets/frames';

// Lesson 07's envelope, with what crossing processes adds: a chat message
// gets the `id` Redis gave it, and two events of our own.

// #region envelope
/** A chat message as lesson 07 sends it. */
export type ChatMessage = Extract<ChatEvent, { type: 'message' }>;

/**
 * A message as the bus hands it back: with the Redis Streams bus, `id` is its
 * stream id ("1733212345678-0": milliseconds, then a sequence number), in the
 * one order every process delivers. Pub/sub gives no id.
 */
export type BusMessage = ChatMessage & { id?: string };

export type ScaleEvent =
  | Exclude<ChatEvent, ChatMessage>
  | BusMessage
  /** Before anything else, to a client resuming from an id older than the history kept. */
  | { type: 'gap' }
  /** To a sender whose message was not accepted (Redis is unreachable): it was not sent. */
  | { type: 'error'; message: string };
// #endregion envelope

/** One text frame with a ScaleEvent, built as lesson 07's prepareFrame builds a ChatEvent's. */
export function frameFor(event: ScaleEvent): Buffer {
  return Buffer.concat(encodeFrame(Opcode.text, Buffer.from(JSON.stringify(event))));
}

/**
 * A message as read back from Redis, checked field by field: Redis is shared,
 * and a stray entry someone else wrote must not reach the browsers as it is.
 * Returns undefined for anything that is not a chat message.
 */
export function parseBusMessage(json: string): ChatMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { type, from, text, at, online } = value as Record<string, unknown>;
  if (type !== 'message' || typeof from !== 'string' || typeof text !== 'string') return undefined;
  if (typeof at !== 'number' || typeof online !== 'number') return undefined;
  return { type, from, text, at, online };
}

/** A Redis stream id: two whole numbers, `<milliseconds>-<sequence>`. */
export const STREAM_ID = /^\d{1,20}-\d{1,20}$/;

/** Compares two stream ids the way Redis orders them: negative if `a` comes first. */
export function compareIds(a: string, b: string): number {
  const [aMs, aSeq] = a.split('-').map(BigInt) as [bigint, bigint];
  const [bMs, bSeq] = b.split('-').map(BigInt) as [bigint, bigint];
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  if (aSeq !== bSeq) return aSeq < bSeq ? -1 : 1;
  return 0;
}
