import { isUtf8 } from 'node:buffer';
import { CloseCode, describeCloseCode, isValidWireCloseCode } from './close-codes.ts';
import { type EncodeOptions, encodeFrame } from './encode.ts';
import { failWith, protocolError, type ReceivedEvent, type ReceiveError } from './events.ts';
import { Opcode } from './opcodes.ts';

// RFC 6455 §5.5.1: a close frame's body is empty, or a 2-byte status code
// (network byte order) followed by a UTF-8 reason. Like every control frame it
// is at most 125 bytes, which leaves 123 bytes for the reason.

const MAX_REASON_BYTES = 123;

// #region parse-close
type CloseEvent = Extract<ReceivedEvent, { kind: 'close' }>;

export function parseClosePayload(payload: Buffer): CloseEvent | ReceiveError {
  // §7.1.5: no body means "no status code", reported to the application as 1005.
  if (payload.length === 0) return { kind: 'close', code: CloseCode.noStatus, reason: '' };
  if (payload.length === 1) return protocolError('close frame with a 1-byte body');
  const code = payload.readUInt16BE(0);
  if (!isValidWireCloseCode(code)) {
    return protocolError(`close code ${describeCloseCode(code)} is not allowed on the wire`);
  }
  const reason = payload.subarray(2);
  if (!isUtf8(reason)) return failWith(CloseCode.invalidPayload, 'close reason is not UTF-8');
  return { kind: 'close', code, reason: reason.toString('utf8') };
}
// #endregion parse-close

// #region encode-close
/**
 * The body of a close frame. A reason longer than 123 bytes is cut at a
 * character boundary, because half a character would make it invalid UTF-8
 * and the peer would answer 1007. No code means an empty body.
 */
export function encodeClosePayload(code?: number, reason = ''): Buffer {
  if (code === undefined) return Buffer.alloc(0);
  // Sending 1005 or 1006 is a bug in our own program, so it throws.
  if (!isValidWireCloseCode(code)) throw new RangeError(`cannot send close code ${code}`);
  const text = Buffer.from(reason, 'utf8');
  let end = Math.min(text.length, MAX_REASON_BYTES);
  // Continuation bytes look like 10xxxxxx: step back to the first byte of the character.
  if (end < text.length) while (end > 0 && (text[end]! & 0xc0) === 0x80) end--;
  const payload = Buffer.allocUnsafe(2 + end);
  payload.writeUInt16BE(code, 0);
  text.copy(payload, 2, 0, end);
  return payload;
}

export function encodeCloseFrame(code?: number, reason = '', options?: EncodeOptions): Buffer[] {
  return encodeFrame(Opcode.close, encodeClosePayload(code, reason), options);
}
// #endregion encode-close
