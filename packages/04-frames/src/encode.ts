import { applyMask, writeRandomMaskKey } from './mask.ts';
import { isControlOpcode, type Opcode } from './opcodes.ts';

// RFC 6455 §5.2 from the sending side. Two things matter for speed:
// - a server's frame is its header plus the caller's payload, untouched, so we
//   return them as two buffers and never copy a large payload: write both with
//   `socket.cork(); socket.write(a); socket.write(b); socket.uncork()` (or
//   `writev`), and they leave in one TCP segment when they fit;
// - a client's payload must be masked, which means a copy (the caller may send
//   the same buffer again), so header and masked payload share one allocation.

// #region encode
export interface EncodeOptions {
  /** false on every fragment but the last (§5.4); default true */
  fin?: boolean;
  /** mask with a fresh random key, as a client MUST (§5.1); default false, as a server MUST */
  mask?: boolean;
  /** mask with this key instead: for tests and the RFC's examples, never for real traffic */
  maskKey?: Uint8Array;
  /** RFC 7692 §6: the first frame of a message a per-message extension transformed; default false */
  rsv1?: boolean;
}

/** One frame, as the buffers to write in order (one or two; never a copy of an unmasked payload). */
export function encodeFrame(
  opcode: Opcode,
  payload: Buffer,
  options: EncodeOptions = {},
): Buffer[] {
  const { fin = true, rsv1 = false } = options;
  const length = payload.length;
  // §5.5: a control frame is never fragmented and carries at most 125 bytes.
  // Asking for more is a bug in our own program, so it throws.
  if (isControlOpcode(opcode) && (length > 125 || !fin)) {
    throw new RangeError(`a control frame must be final and at most 125 bytes, got ${length}`);
  }
  // RFC 7692 §6.1: RSV1 is never set on a control frame.
  if (isControlOpcode(opcode) && rsv1) throw new RangeError('a control frame cannot have RSV1 set');
  const masked = options.mask === true || options.maskKey !== undefined;
  // §5.2: the minimal length form MUST be used.
  const extended = length < 126 ? 0 : length < 65536 ? 2 : 8;
  const headerLength = 2 + extended + (masked ? 4 : 0);
  const frame = Buffer.allocUnsafe(masked ? headerLength + length : headerLength);

  frame[0] = (fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode;
  if (extended === 0) {
    frame[1] = length;
  } else if (extended === 2) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }

  if (!masked) return length === 0 ? [frame] : [frame, payload];

  // §5.2: the key sits in the header, right before the payload it masks.
  frame[1] |= 0x80;
  const keyOffset = headerLength - 4;
  if (options.maskKey === undefined) writeRandomMaskKey(frame, keyOffset);
  else frame.set(options.maskKey, keyOffset);
  copyMasked(payload, frame, headerLength);
  return [frame];
}

/**
 * Copies `payload` into `frame` at `offset`, masked with the key in the 4
 * bytes before it. A small payload is copied and masked in one loop: making
 * Buffer views of it for `applyMask` would cost more than the work itself.
 */
function copyMasked(payload: Buffer, frame: Buffer, offset: number): void {
  const keyOffset = offset - 4;
  if (payload.length < 256) {
    for (let i = 0; i < payload.length; i++) {
      frame[offset + i] = payload[i]! ^ frame[keyOffset + (i & 3)]!;
    }
    return;
  }
  payload.copy(frame, offset);
  applyMask(frame.subarray(offset), frame.subarray(keyOffset, offset));
}
// #endregion encode
