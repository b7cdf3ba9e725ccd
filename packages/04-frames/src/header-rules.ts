import { protocolError, type ReceiveError, type Role } from './events.ts';
import { RSV1 } from './extension.ts';
import type { FrameHeader } from './frame-header.ts';
import { isControlOpcode, isKnownOpcode, Opcode, opcodeName } from './opcodes.ts';

// The rules a receiver can check as soon as a header has arrived, before it
// waits for (and buffers) the payload. Breaking any of them is a protocol error,
// close code 1002 (§7.4.1).

// #region header-rules
export function checkHeader(
  header: FrameHeader,
  role: Role,
  extension = false,
): ReceiveError | undefined {
  // §5.2: RSV1-3 "MUST be 0 unless an extension is negotiated that defines
  // meanings for non-zero values". Lesson 08's permessage-deflate defines RSV1.
  if ((header.rsv & ~(extension ? RSV1 : 0)) !== 0)
    return protocolError(`RSV bits set (${header.rsv.toString(2)}) without an extension`);
  // RFC 7692 §6.1: RSV1 marks a whole message, so it is set on its first
  // frame only, never on a continuation or a control frame.
  if (header.rsv !== 0 && (header.opcode === Opcode.continuation || isControlOpcode(header.opcode)))
    return protocolError(`RSV1 on a ${opcodeName(header.opcode)} frame`);
  // §5.2: "If an unknown opcode is received, the receiving endpoint MUST _Fail_"
  if (!isKnownOpcode(header.opcode)) return protocolError(`${opcodeName(header.opcode)} opcode`);
  if (isControlOpcode(header.opcode)) {
    // §5.5: "All control frames MUST have a payload length of 125 bytes or less
    // and MUST NOT be fragmented", so a pong can always be sent in one piece.
    if (!header.fin) return protocolError(`fragmented ${opcodeName(header.opcode)} frame`);
    if (header.payloadLength > 125) {
      return protocolError(`${opcodeName(header.opcode)} frame longer than 125 bytes`);
    }
  }
  // §5.1: a client MUST mask every frame it sends and a server MUST NOT mask,
  // and each side MUST close the connection when the other gets it wrong.
  if (role === 'server' && !header.masked) return protocolError('unmasked client frame');
  if (role === 'client' && header.masked) return protocolError('masked server frame');
  return undefined;
}
// #endregion header-rules
