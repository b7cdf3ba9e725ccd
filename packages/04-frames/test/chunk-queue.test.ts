import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChunkQueue } from '../src/chunk-queue.ts';
import { encodeFrame, Opcode, Receiver } from '../src/index.ts';

describe('the chunk queue', () => {
  it('takes views without copying when the bytes are in one chunk', () => {
    const queue = new ChunkQueue();
    const chunk = Buffer.from('abcdef');
    queue.push(chunk);
    const taken = queue.take(2);
    expect(taken.toString()).toBe('ab');
    expect(taken.buffer).toBe(chunk.buffer);
    expect(queue.take(4)).toEqual(Buffer.from('cdef'));
    expect(queue.length).toBe(0);
  });

  it('joins exactly the bytes asked for across chunks, and peeks without taking', () => {
    const queue = new ChunkQueue();
    for (const part of ['ab', '', 'cde', 'f']) queue.push(Buffer.from(part));
    expect(queue.chunkCount).toBe(3);
    expect(String.fromCharCode(queue.peek(4))).toBe('e');
    expect(() => queue.peek(6)).toThrow(RangeError);
    expect(queue.take(3).toString()).toBe('abc');
    expect(queue.take(0)).toHaveLength(0);
    expect(queue.take(3).toString()).toBe('def');
  });
});

describe('no quadratic copying', () => {
  afterEach(() => vi.restoreAllMocks());

  it('copies a 16 MiB message arriving in 64 KiB chunks once, not once per chunk', () => {
    const size = 16 * 1024 * 1024;
    const frame = Buffer.concat(encodeFrame(Opcode.binary, Buffer.alloc(size, 7), { mask: true }));
    const receiver = new Receiver({ role: 'server' });
    // Count every byte that Buffer's copy and concat move while we receive.
    let copied = 0;
    const copy = Buffer.prototype.copy;
    vi.spyOn(Buffer.prototype, 'copy').mockImplementation(function (this: Buffer, ...args) {
      const written = copy.apply(this, args);
      copied += written;
      return written;
    });
    const concat = Buffer.concat;
    vi.spyOn(Buffer, 'concat').mockImplementation((list, length) => {
      const joined = concat(list, length);
      copied += joined.length;
      return joined;
    });
    const events = [];
    for (let offset = 0; offset < frame.length; offset += 64 * 1024) {
      events.push(...receiver.push(frame.subarray(offset, offset + 64 * 1024)));
    }
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'message', type: 'binary' });
    // Gluing each chunk onto the buffered bytes would copy ~2 GiB (256 chunks ×
    // 8 MiB on average); taking the payload once copies 16 MiB.
    expect(copied).toBeGreaterThanOrEqual(size);
    expect(copied).toBeLessThan(size + 64 * 1024);
  });
});
