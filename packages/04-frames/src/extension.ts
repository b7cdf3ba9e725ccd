import type { ReceiveError } from './events.ts';

// RFC 6455 §9 lets the handshake switch extensions on, and §5.2 gives them the
// three RSV bits. RFC 7692 §6 defines the kind lesson 08 plugs in here: a
// "per-message" extension transforms a whole data message, and RSV1 on its
// first frame says that it did. The framing layer needs to know only how to
// turn the bytes to send into a payload and a marked payload back into bytes;
// what the transformation is (DEFLATE, for lesson 08) is the extension's own.

// #region extension
export interface MessageExtension {
  /** The payload to send for `data`, and whether it is transformed (RSV1 on its first frame). */
  encode(data: Buffer): { payload: Buffer; rsv1: boolean };
  /**
   * A whole received message whose first frame had RSV1 set: its real bytes,
   * never more than `maxBytes` of them (else 1009), or why it fails.
   */
  decode(payload: Buffer, maxBytes: number): Buffer | ReceiveError;
}

/** RSV1 as the 3-bit number FrameHeader.rsv holds (RSV1 RSV2 RSV3 = 100). */
export const RSV1 = 0b100;
// #endregion extension
