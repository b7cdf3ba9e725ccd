// seed 004: each client has `send chan []byte` with room for 256 messages, and
// the hub's `select { case client.send <- message: default: close(...) }`
// unregisters a client whose channel is full instead of waiting for it. This is
// that channel: a FIFO with a hard limit, in messages and in bytes, whose `push`
// says "no" instead of growing. That "no" is what keeps one slow reader from
// costing the server unbounded memory or holding everyone else back.

// #region send-queue
export interface SendQueueLimits {
  /** At most this many messages waiting (seed 004: 256). */
  sendQueueLimit: number;
  /** And at most this many bytes, since 256 long messages weigh more than 256 short ones. */
  sendQueueBytes: number;
}

export class SendQueue {
  readonly #items: Buffer[] = [];
  #byteCount = 0;
  readonly #limits: SendQueueLimits;

  constructor(limits: SendQueueLimits) {
    this.#limits = limits;
  }

  get length(): number {
    return this.#items.length;
  }

  get bytes(): number {
    return this.#byteCount;
  }

  /** Adds a message at the end, or returns false (and keeps nothing) if it would overflow. */
  push(payload: Buffer): boolean {
    if (
      this.#items.length >= this.#limits.sendQueueLimit ||
      this.#byteCount + payload.length > this.#limits.sendQueueBytes
    ) {
      return false;
    }
    this.#items.push(payload);
    this.#byteCount += payload.length;
    return true;
  }

  shift(): Buffer | undefined {
    const payload = this.#items.shift();
    if (payload !== undefined) this.#byteCount -= payload.length;
    return payload;
  }

  clear(): void {
    this.#items.length = 0;
    this.#byteCount = 0;
  }
}
// #endregion send-queue
