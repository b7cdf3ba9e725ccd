import { kMaxLength } from 'node:buffer';
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { CloseCode, type MessageExtension, type ReceiveError, type Role } from '@sockets/frames';
import { errorCode } from '@sockets/shared';
import type { DeflateAgreement } from './negotiate.ts';

// RFC 7692 §7.2: the bytes of a compressed message are raw DEFLATE (RFC 1951,
// no zlib or gzip wrapper), ended with a "sync flush", which leaves the output
// on a byte boundary and ends it with an empty stored block: 00 00 ff ff. Every
// message ends with those same four bytes, so the sender drops them (§7.2.1)
// and the receiver puts them back before inflating (§7.2.2). node:zlib does
// the DEFLATE work; what this file decides is what the RFC leaves to us.
//
// Context takeover (§7.2.3.2): a message may point back into earlier messages
// ("the same 5 bytes as 40 bytes ago, in the previous message"), as far back
// as the sliding window reaches, 2^window-bits bytes. A zlib stream kept open
// for the whole connection does that by itself, at about 40 KiB (inflate) and
// 256 KiB (deflate, windowBits 15, memLevel 8) per connection, all the time:
// python-websockets' and ws's documentation both warn about it.
// We keep only what the RFC says must survive a message: the last window's
// worth of bytes. Each message gets a fresh zlib stream, primed with those
// bytes as its dictionary, which is exactly the window it would have had.
// Between messages a connection holds 2 × 2^bits bytes (64 KiB at 15 bits,
// 1 KiB at 9, nothing with no_context_takeover); the price is CPU: a primed
// deflate stream first indexes its dictionary, for every message.

// #region tail
/** §7.2.1: the empty stored block a sync flush ends with, which is never sent. */
const SYNC_FLUSH_TAIL = Buffer.from([0x00, 0x00, 0xff, 0xff]);
// #endregion tail

/**
 * zlib makes no raw DEFLATE stream with a 256-byte window (Node asks it for
 * 512 bytes instead). So we never promise to compress with 8 bits
 * (negotiate.ts), and we keep 512 bytes of history for a peer that promised 8,
 * enough whatever its zlib did.
 */
const SMALLEST_ZLIB_WINDOW_BITS = 9;

// #region extension
export class PerMessageDeflate implements MessageExtension {
  readonly #send: Direction;
  readonly #receive: Direction;
  readonly #thresholdBytes: number;

  /**
   * `agreement` is what the handshake agreed on (negotiate.ts); `role` says
   * which half of it is ours: a server compresses with the server_ parameters
   * and inflates with the client_ ones, a client the other way round.
   * Messages shorter than `thresholdBytes` are sent uncompressed (RSV1 clear).
   */
  constructor(agreement: DeflateAgreement, role: Role, thresholdBytes: number) {
    const server = new Direction(agreement.serverMaxWindowBits, !agreement.serverNoContextTakeover);
    const client = new Direction(agreement.clientMaxWindowBits, !agreement.clientNoContextTakeover);
    this.#send = role === 'server' ? server : client;
    this.#receive = role === 'server' ? client : server;
    this.#thresholdBytes = thresholdBytes;
  }

  /** Bytes held between messages: the two windows of history (0 without context takeover). */
  get retainedBytes(): number {
    return this.#send.history.length + this.#receive.history.length;
  }

  encode(data: Buffer): { payload: Buffer; rsv1: boolean } {
    // A short message gains nothing (a chat line of 40 bytes shrinks by a few
    // bytes, or grows), and costs a zlib stream: ws's threshold is 1 KiB.
    if (data.length < this.#thresholdBytes) return { payload: data, rsv1: false };
    const send = this.#send;
    const compressed = deflateRawSync(data, {
      windowBits: send.windowBits,
      finishFlush: constants.Z_SYNC_FLUSH,
      ...send.dictionary(),
    });
    send.remember(data);
    // §7.2.1: "Remove 4 octets (that are 0x00 0x00 0xff 0xff) from the tail end."
    return {
      payload: compressed.subarray(0, compressed.length - SYNC_FLUSH_TAIL.length),
      rsv1: true,
    };
  }

  decode(payload: Buffer, maxBytes: number): Buffer | ReceiveError {
    const receive = this.#receive;
    let data: Buffer;
    try {
      // §7.2.2: "Append 4 octets of 0x00 0x00 0xff 0xff to the tail end of the
      // payload of the message" and inflate. maxOutputLength makes zlib stop
      // as soon as the output passes the limit: a 1 KiB bomb that would
      // inflate to 1 GiB costs at most maxBytes plus one 16 KiB chunk.
      data = inflateRawSync(Buffer.concat([payload, SYNC_FLUSH_TAIL]), {
        windowBits: 15,
        finishFlush: constants.Z_SYNC_FLUSH,
        maxOutputLength: Math.min(Math.max(maxBytes, 1), kMaxLength),
        ...receive.dictionary(),
      });
    } catch (error) {
      if (errorCode(error) === 'ERR_BUFFER_TOO_LARGE') return tooBig(maxBytes);
      // RFC 7692 names no close code for it; 1007 is RFC 6455's "data
      // inconsistent with the type of the message", as ws sends.
      const reason = `invalid compressed data: ${(error as Error).message}`;
      return { kind: 'error', closeCode: CloseCode.invalidPayload, reason };
    }
    if (data.length > maxBytes) return tooBig(maxBytes);
    receive.remember(data);
    return data;
  }
}
// #endregion extension

function tooBig(maxBytes: number): ReceiveError {
  const reason = `message inflates to more than ${maxBytes} bytes`;
  return { kind: 'error', closeCode: CloseCode.messageTooBig, reason };
}

// #region direction
/** One direction's window: the last bytes that went through it, when context is taken over. */
class Direction {
  readonly windowBits: number;
  readonly #takeover: boolean;
  readonly #windowBytes: number;
  history: Buffer = Buffer.alloc(0);

  constructor(windowBits: number, takeover: boolean) {
    this.windowBits = windowBits;
    this.#takeover = takeover;
    this.#windowBytes = 2 ** Math.max(windowBits, SMALLEST_ZLIB_WINDOW_BITS);
  }

  /** zlib's `dictionary` option: the earlier messages, as far back as the window reaches. */
  dictionary(): { dictionary?: Buffer } {
    return this.history.length === 0 ? {} : { dictionary: this.history };
  }

  /** After each message: keep its last window of bytes, or nothing (no_context_takeover). */
  remember(message: Buffer): void {
    if (!this.#takeover) return;
    const keep = this.#windowBytes;
    // A copy, never a view: a view into a 16 MiB message would keep all of it alive.
    this.history =
      message.length >= keep
        ? Buffer.from(message.subarray(message.length - keep))
        : Buffer.concat([
            this.history.subarray(Math.max(0, this.history.length + message.length - keep)),
            message,
          ]);
  }
}
// #endregion direction
