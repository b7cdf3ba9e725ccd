// TCP delivers bytes in chunks that have nothing to do with frames: one chunk
// may hold ten frames, one frame may span a thousand chunks. Gluing every new
// chunk onto what we have (`buffer = Buffer.concat([buffer, chunk])`) re-copies
// everything buffered so far on each chunk: a 16 MiB frame in 64 KiB chunks
// would copy about 2 GiB. Instead we keep the chunks in a list and, when a
// frame is complete, take exactly its bytes: a view into one chunk when the
// bytes are in one chunk (no copy), one copy of exactly those bytes otherwise.

// #region chunk-queue
export class ChunkQueue {
  #chunks: Buffer[] = [];
  #length = 0;

  /** How many bytes are waiting. */
  get length(): number {
    return this.#length;
  }

  /** How many chunks hold them: a peer trickling tiny chunks costs memory per chunk. */
  get chunkCount(): number {
    return this.#chunks.length;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }

  /** The byte at `index` (which must be < length), without taking anything. */
  peek(index: number): number {
    for (const chunk of this.#chunks) {
      if (index < chunk.length) return chunk[index]!;
      index -= chunk.length;
    }
    throw new RangeError(`peek(${index}) past the end of the queue`);
  }

  /** Removes and returns the first `count` bytes (count must be ≤ length). */
  take(count: number): Buffer {
    if (count === 0) return Buffer.alloc(0);
    this.#length -= count;
    const first = this.#chunks[0]!;
    if (count === first.length) {
      this.#chunks.shift();
      return first;
    }
    if (count < first.length) {
      this.#chunks[0] = first.subarray(count);
      return first.subarray(0, count);
    }
    const taken = Buffer.allocUnsafe(count);
    let filled = 0;
    while (filled < count) {
      const chunk = this.#chunks[0]!;
      const wanted = count - filled;
      if (wanted < chunk.length) {
        chunk.copy(taken, filled, 0, wanted);
        this.#chunks[0] = chunk.subarray(wanted);
        filled = count;
      } else {
        chunk.copy(taken, filled);
        this.#chunks.shift();
        filled += chunk.length;
      }
    }
    return taken;
  }

  /** Drops everything, e.g. once the connection has failed. */
  clear(): void {
    this.#chunks = [];
    this.#length = 0;
  }
}
// #endregion chunk-queue
