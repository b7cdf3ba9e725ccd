// Exercise 08.1: compress and inflate one message, as RFC 7692 §7.2 says,
// without context takeover (each message on its own, no window kept).
//
//   compress: raw DEFLATE, ended with a sync flush, minus the 00 00 ff ff it ends with
//   inflate:  put 00 00 ff ff back, inflate, and stop at maxBytes (a bomb) or bad data
//
// node:zlib's deflateRawSync and inflateRawSync do the DEFLATE work; their
// options decide everything else.

import { deflateRawSync, inflateRawSync } from 'node:zlib';

/** What a receiver fails the connection with: 1009 too big, 1007 invalid data. */
export interface Failure {
  closeCode: 1007 | 1009;
  reason: string;
}

/** The payload of a compressed message (RSV1 set): `Hello` → f2 48 cd c9 c9 07 00. */
export function compress(data: Buffer): Buffer {
  // TODO(exercise): which flush ends the output with 00 00 ff ff, and what
  // does §7.2.1 say to do with those four bytes?
  return deflateRawSync(data);
}

/** The message a compressed payload stands for, never more than `maxBytes` of it. */
export function inflate(payload: Buffer, maxBytes: number): Buffer | Failure {
  // TODO(exercise): put the four bytes back (§7.2.2), inflate with the same
  // flush, stop at maxBytes while inflating (1009), and turn zlib's errors
  // into 1007. Nothing here may throw: the peer chose these bytes.
  return inflateRawSync(payload);
}
