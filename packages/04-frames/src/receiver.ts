import { ChunkQueue } from './chunk-queue.ts';
import { CloseCode } from './close-codes.ts';
import { failWith, type ReceivedEvent, type Role } from './events.ts';
import type { MessageExtension } from './extension.ts';
import { decodeHeader, type FrameHeader, headerLengthFrom } from './frame-header.ts';
import { checkHeader } from './header-rules.ts';
import { applyMask } from './mask.ts';
import { MessageAssembler } from './message-assembler.ts';

// The receiving side of a connection: feed it whatever the socket reads, get
// back what happened. It is a two-state machine (ws's receiver is the same
// idea with more states):
//
//   waiting for a header  --(2-14 bytes)-->  waiting for the payload
//            ^---------------(payloadLength bytes)----------'
//
// `push` only works through the bytes it has been given and returns; it never
// waits and never calls back, so the caller decides what happens next (reply
// to a ping, pause the socket if its own send queue is full, close).

// #region receiver
export interface ReceiverOptions {
  /** 'server' parses what clients send (masked), 'client' what servers send (unmasked) */
  role: Role;
  /** RFC 6455 §10.4: the largest message we accept, else close code 1009 (default 100 MiB, as ws) */
  maxMessageBytes?: number;
  /** the most frames one message may come in, else 1008 (default 16 Ki, as ws's server) */
  maxFragments?: number;
  /** the most socket chunks we hold while a frame is incomplete, else 1008 (default 256 Ki, as ws's server) */
  maxBufferedChunks?: number;
  /** a per-message extension the handshake agreed on (lesson 08), which gives RSV1 a meaning */
  extension?: MessageExtension;
}

export const receiverDefaults = {
  maxMessageBytes: 100 * 1024 * 1024,
  maxFragments: 16 * 1024,
  maxBufferedChunks: 256 * 1024,
} as const;

export class Receiver {
  readonly #role: Role;
  readonly #queue = new ChunkQueue();
  readonly #messages: MessageAssembler;
  readonly #maxBufferedChunks: number;
  readonly #extension: boolean;
  /** the header of the frame whose payload we are waiting for */
  #header: FrameHeader | undefined;
  /** after a close frame or an error nothing more is read (§5.5.1, §7.1.7) */
  #finished = false;

  constructor({
    role,
    maxMessageBytes = receiverDefaults.maxMessageBytes,
    maxFragments = receiverDefaults.maxFragments,
    maxBufferedChunks = receiverDefaults.maxBufferedChunks,
    extension,
  }: ReceiverOptions) {
    this.#role = role;
    this.#messages = new MessageAssembler({ maxMessageBytes, maxFragments }, extension);
    this.#extension = extension !== undefined;
    this.#maxBufferedChunks = maxBufferedChunks;
  }

  /**
   * Takes the next bytes from the socket and returns the events they complete,
   * in order. It takes ownership of `chunk`: masked payloads are unmasked in
   * place, and messages may be views into it.
   */
  push(chunk: Buffer): ReceivedEvent[] {
    const events: ReceivedEvent[] = [];
    if (this.#finished) return events;
    this.#queue.push(chunk);
    if (this.#queue.chunkCount > this.#maxBufferedChunks) {
      const reason = `frame spread over more than ${this.#maxBufferedChunks} chunks`;
      return this.#finish(events, failWith(CloseCode.policyViolation, reason));
    }
    for (;;) {
      let header = this.#header;
      if (header === undefined) {
        // The second byte says how long the whole header is.
        if (this.#queue.length < 2) break;
        const headerLength = headerLengthFrom(this.#queue.peek(1));
        if (this.#queue.length < headerLength) break;
        const decoded = decodeHeader(this.#queue.take(headerLength));
        if (decoded.kind === 'error') return this.#finish(events, decoded);
        const problem =
          checkHeader(decoded, this.#role, this.#extension) ?? this.#messages.checkHeader(decoded);
        if (problem !== undefined) return this.#finish(events, problem);
        header = decoded;
        this.#header = header;
      }
      if (this.#queue.length < header.payloadLength) break;
      this.#header = undefined;
      const payload = this.#queue.take(header.payloadLength);
      if (header.maskKey !== undefined) applyMask(payload, header.maskKey);
      const event = this.#messages.accept(header, payload);
      if (event === undefined) continue;
      if (event.kind === 'close' || event.kind === 'error') return this.#finish(events, event);
      events.push(event);
    }
    return events;
  }

  #finish(events: ReceivedEvent[], last: ReceivedEvent): ReceivedEvent[] {
    this.#finished = true;
    this.#queue.clear();
    events.push(last);
    return events;
  }
}
// #endregion receiver
