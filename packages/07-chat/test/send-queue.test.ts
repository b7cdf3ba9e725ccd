import { describe, expect, it } from 'vitest';
import { SendQueue } from '../src/send-queue.ts';

const bytes = (n: number) => Buffer.alloc(n);

describe('the send queue', () => {
  it('is first in, first out', () => {
    const queue = new SendQueue({ sendQueueLimit: 3, sendQueueBytes: 100 });
    const [a, b] = [Buffer.from('a'), Buffer.from('b')];
    queue.push(a);
    queue.push(b);
    expect(queue.shift()).toBe(a);
    expect(queue.shift()).toBe(b);
    expect(queue.shift()).toBeUndefined();
  });

  it('refuses a message past its message limit, and keeps nothing of it', () => {
    const queue = new SendQueue({ sendQueueLimit: 2, sendQueueBytes: 100 });
    expect(queue.push(bytes(1))).toBe(true);
    expect(queue.push(bytes(1))).toBe(true);
    expect(queue.push(bytes(1))).toBe(false);
    expect([queue.length, queue.bytes]).toEqual([2, 2]);
  });

  it('refuses a message past its byte limit, and keeps nothing of it', () => {
    const queue = new SendQueue({ sendQueueLimit: 100, sendQueueBytes: 10 });
    expect(queue.push(bytes(6))).toBe(true);
    expect(queue.push(bytes(5))).toBe(false);
    expect(queue.push(bytes(4))).toBe(true);
    expect([queue.length, queue.bytes]).toEqual([2, 10]);
  });

  it('counts bytes down as messages leave, and clears', () => {
    const queue = new SendQueue({ sendQueueLimit: 10, sendQueueBytes: 100 });
    queue.push(bytes(30));
    queue.push(bytes(20));
    queue.shift();
    expect([queue.length, queue.bytes]).toEqual([1, 20]);
    queue.clear();
    expect([queue.length, queue.bytes]).toEqual([0, 0]);
  });
});
