// Exercise 08.1: compress and inflate one message, as RFC 7692 §7.2 says,
// without context takeover (each message on its own, no window kept).
//
//   compress: raw DEFLATE, ended with a sync flush, minus the 00 00 ff ff it ends with
//   inflate:  put 00 00 ff ff back, inflate, and stop at maxBytes (a bomb) or bad data
//
// node:zlib's deflateRawSync and inflateRawSync do the DEFLATE work; their
// options decide everything else.

import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';

/** What a receiver fails the connection with: 1009 too big, 1007 invalid data. */
export interface Failure {
  closeCode: 1007 | 1009;
  reason: string;
}

const tail = Buffer.from([0x00, 0x00, 0xff, 0xff]);

/** The payload of a compressed message (RSV1 set): `Hello` → f2 48 cd c9 c9 07 00. */
export function compress(data: Buffer): Buffer {
  // A sync flush (not Z_FINISH) ends the output on a byte boundary with an
  // empty stored block, 00 00 ff ff, and no "final block" bit.
  const deflated = deflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH });
  return deflated.subarray(0, deflated.length - tail.length);
}

/** The message a compressed payload stands for, never more than `maxBytes` of it. */
export function inflate(payload: Buffer, maxBytes: number): Buffer | Failure {
  try {
    // Z_SYNC_FLUSH again: with the default (Z_FINISH) zlib expects a final
    // block and reports "unexpected end of file".
    return inflateRawSync(Buffer.concat([payload, tail]), {
      finishFlush: constants.Z_SYNC_FLUSH,
      // zlib stops as soon as the output would pass this: the bomb is never inflated.
      maxOutputLength: maxBytes,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      return { closeCode: 1009, reason: `message inflates to more than ${maxBytes} bytes` };
    }
    return { closeCode: 1007, reason: `invalid compressed data: ${(error as Error).message}` };
  }
}
