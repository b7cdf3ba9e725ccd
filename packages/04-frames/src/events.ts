import { CloseCode } from './close-codes.ts';

// What the receiver hands to the application, one value per thing that
// happened on the wire. A peer that breaks the rules is an event too, not an
// exception: RFC 6455 §7.1.7 says to "Fail the WebSocket Connection", which
// means sending a close frame with the right code, so the error carries the
// code to send and a short reason that fits in that frame (§5.5: ≤ 123 bytes).

// #region events
export type Role = 'server' | 'client';

export type ReceivedEvent =
  /** a whole data message, reassembled from its fragments; text is checked UTF-8 */
  | { kind: 'message'; type: 'text' | 'binary'; data: Buffer }
  | { kind: 'ping'; data: Buffer }
  | { kind: 'pong'; data: Buffer }
  /** code is 1005 (no status) when the close frame had no body, as §7.1.5 says */
  | { kind: 'close'; code: number; reason: string }
  | ReceiveError;

/**
 * The codes we fail a connection with (§7.4.1): 1002 for a broken frame, 1007
 * for text that is not UTF-8, 1008 for a message in too many fragments or
 * chunks, 1009 for a message too big.
 */
export type FailCode = (typeof CloseCode)[
  | 'protocolError'
  | 'invalidPayload'
  | 'policyViolation'
  | 'messageTooBig'];

export interface ReceiveError {
  kind: 'error';
  /** the code to send in our close frame */
  closeCode: FailCode;
  reason: string;
}
// #endregion events

export function failWith(closeCode: FailCode, reason: string): ReceiveError {
  return { kind: 'error', closeCode, reason };
}

export function protocolError(reason: string): ReceiveError {
  return failWith(CloseCode.protocolError, reason);
}
