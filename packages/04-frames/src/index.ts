export { annotateFrames, bytesFromInput, parseHex } from './annotate.ts';
export {
  CloseCode,
  closeCodeTable,
  describeCloseCode,
  isNormalClose,
  isValidWireCloseCode,
} from './close-codes.ts';
export { encodeCloseFrame, encodeClosePayload, parseClosePayload } from './close-payload.ts';
export { type EncodeOptions, encodeFrame } from './encode.ts';
export type { FailCode, ReceivedEvent, ReceiveError, Role } from './events.ts';
export { type MessageExtension, RSV1 } from './extension.ts';
export { decodeHeader, type FrameHeader, headerLengthFrom } from './frame-header.ts';
export { applyMask } from './mask.ts';
export { isControlOpcode, Opcode, opcodeName } from './opcodes.ts';
export { annotateOptionsFromEnv } from './options.ts';
export { Receiver, type ReceiverOptions, receiverDefaults } from './receiver.ts';
