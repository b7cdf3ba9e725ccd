import { isUtf8 } from 'node:buffer';
import { CloseCode } from './close-codes.ts';
import { parseClosePayload } from './close-payload.ts';
import { failWith, protocolError, type ReceivedEvent, type ReceiveError } from './events.ts';
import type { MessageExtension } from './extension.ts';
import type { FrameHeader } from './frame-header.ts';
import { isControlOpcode, Opcode, opcodeName } from './opcodes.ts';
import { Utf8Validator } from './utf8.ts';

// RFC 6455 §5.4: a message is one frame with FIN set, or a text/binary frame
// with FIN clear, any number of continuation frames with FIN clear, and a last
// continuation frame with FIN set. Control frames may be "injected in the
// middle of a fragmented message" (so a ping is answered while a 1 GiB upload
// is arriving), but two data messages never interleave.

// #region assembler
export interface MessageLimits {
  maxMessageBytes: number;
  maxFragments: number;
}

export class MessageAssembler {
  readonly #limits: MessageLimits;
  /** the type of the fragmented message being assembled, if one is open */
  #open: 'text' | 'binary' | undefined;
  #fragments: Buffer[] = [];
  #bytes = 0;
  /** the open message's first frame had RSV1: the extension decodes it once it is whole */
  #transformed = false;
  readonly #utf8 = new Utf8Validator();
  readonly #extension: MessageExtension | undefined;

  constructor(limits: MessageLimits, extension?: MessageExtension) {
    this.#limits = limits;
    this.#extension = extension;
  }

  /** The message rules a header can break, checked before its payload is buffered. */
  checkHeader(header: FrameHeader): ReceiveError | undefined {
    if (isControlOpcode(header.opcode)) return undefined;
    const isContinuation = header.opcode === Opcode.continuation;
    if (isContinuation && this.#open === undefined) {
      return protocolError('continuation frame with no message to continue');
    }
    if (!isContinuation && this.#open !== undefined) {
      return protocolError(`${opcodeName(header.opcode)} frame inside an unfinished message`);
    }
    // §10.4: an endpoint should limit message size. Checking the declared
    // length, not the bytes received, refuses a "1 TiB" frame at its header.
    const { maxMessageBytes, maxFragments } = this.#limits;
    if (this.#bytes + header.payloadLength > maxMessageBytes) {
      return failWith(CloseCode.messageTooBig, `message over ${maxMessageBytes} bytes`);
    }
    // Each fragment is kept as a Buffer object of its own (~100 bytes of
    // bookkeeping), so a message in a million 1-byte fragments would cost
    // far more memory than its size says. ws refuses those with 1008 too.
    if (this.#fragments.length + 1 > maxFragments) {
      return failWith(CloseCode.policyViolation, `message in over ${maxFragments} fragments`);
    }
    return undefined;
  }

  /** A frame whose header passed `checkHeader`, with its payload unmasked. */
  accept(header: FrameHeader, payload: Buffer): ReceivedEvent | undefined {
    switch (header.opcode) {
      case Opcode.ping:
        return { kind: 'ping', data: payload };
      case Opcode.pong:
        return { kind: 'pong', data: payload };
      case Opcode.close:
        return parseClosePayload(payload);
    }
    const type = this.#open ?? (header.opcode === Opcode.text ? 'text' : 'binary');
    if (this.#open === undefined) this.#transformed = header.rsv !== 0;
    // A transformed (compressed) payload is not the text yet: its UTF-8 is
    // checked once the extension has decoded the whole message.
    if (type === 'text' && !this.#transformed && !this.#utf8.push(payload, header.fin)) {
      return failWith(CloseCode.invalidPayload, 'text message is not valid UTF-8');
    }
    if (!header.fin) {
      this.#open = type;
      this.#fragments.push(payload);
      this.#bytes += payload.length;
      return undefined;
    }
    // One copy, at the end, of the whole message; none for a single frame.
    const data =
      this.#fragments.length === 0
        ? payload
        : Buffer.concat([...this.#fragments, payload], this.#bytes + payload.length);
    this.#open = undefined;
    this.#fragments = [];
    this.#bytes = 0;
    const extension = this.#extension;
    if (this.#transformed && extension !== undefined) return this.#decode(extension, type, data);
    return { kind: 'message', type, data };
  }

  /** RFC 7692 §6: the extension turns the whole message back into its bytes. */
  #decode(extension: MessageExtension, type: 'text' | 'binary', payload: Buffer): ReceivedEvent {
    const data = extension.decode(payload, this.#limits.maxMessageBytes);
    if (!Buffer.isBuffer(data)) return data;
    if (type === 'text' && !isUtf8(data)) {
      return failWith(CloseCode.invalidPayload, 'text message is not valid UTF-8');
    }
    return { kind: 'message', type, data };
  }
}
// #endregion assembler
