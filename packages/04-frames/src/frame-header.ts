import { protocolError, type ReceiveError } from './events.ts';

// RFC 6455 §5.2: every frame starts with a header of 2 to 14 bytes.
//
//   byte 0: FIN (1 bit) RSV1 RSV2 RSV3 (1 bit each) opcode (4 bits)
//   byte 1: MASK (1 bit) payload length (7 bits)
//   then 0, 2 or 8 bytes of extended payload length (network byte order)
//   then 0 or 4 bytes of masking key
//
// The 7-bit length is the payload length when it is 0-125; 126 means "the
// real length follows in 16 bits", 127 means "in 64 bits".

// #region header
export interface FrameHeader {
  /** what decodeHeader returns is a header or a ReceiveError (kind: 'error') */
  kind: 'header';
  /** this is the last (or only) frame of a message */
  fin: boolean;
  /** RSV1-3 as a 3-bit number; non-zero only with a negotiated extension */
  rsv: number;
  opcode: number;
  masked: boolean;
  /** which form carried the length: 7 bits, or 7 bits + 16, or 7 bits + 64 */
  lengthForm: 7 | 16 | 64;
  payloadLength: number;
  /** the 4-byte key when masked */
  maskKey: Buffer | undefined;
  /** 2 to 14: where the payload starts */
  headerLength: number;
}

/** How long the whole header is, known as soon as its second byte has arrived. */
export function headerLengthFrom(secondByte: number): number {
  const length7 = secondByte & 0x7f;
  const extended = length7 === 126 ? 2 : length7 === 127 ? 8 : 0;
  const maskKey = secondByte & 0x80 ? 4 : 0;
  return 2 + extended + maskKey;
}

/** Reads a complete header (`headerLengthFrom(bytes[1])` bytes) from the start of `bytes`. */
export function decodeHeader(bytes: Buffer): FrameHeader | ReceiveError {
  const first = bytes[0]!;
  const second = bytes[1]!;
  const length7 = second & 0x7f;
  let payloadLength = length7;
  let lengthForm: FrameHeader['lengthForm'] = 7;
  let offset = 2;
  if (length7 === 126) {
    lengthForm = 16;
    payloadLength = bytes.readUInt16BE(2);
    offset = 4;
    // §5.2: "the minimal number of bytes MUST be used to encode the length"
    if (payloadLength < 126) return protocolError('16-bit length used for fewer than 126 bytes');
  } else if (length7 === 127) {
    lengthForm = 64;
    const length64 = bytes.readBigUInt64BE(2);
    offset = 10;
    // §5.2: "the most significant bit MUST be 0"
    if (length64 >= 1n << 63n) return protocolError('64-bit length with its top bit set');
    if (length64 < 65536n) return protocolError('64-bit length used for fewer than 65536 bytes');
    payloadLength = Number(length64);
  }
  const masked = (second & 0x80) !== 0;
  return {
    kind: 'header',
    fin: (first & 0x80) !== 0,
    rsv: (first & 0x70) >> 4,
    opcode: first & 0x0f,
    masked,
    lengthForm,
    payloadLength,
    maskKey: masked ? bytes.subarray(offset, offset + 4) : undefined,
    headerLength: masked ? offset + 4 : offset,
  };
}
// #endregion header
