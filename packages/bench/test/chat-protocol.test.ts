import { describe, expect, it } from 'vitest';
import { benchStamps, benchText, parseBenchMessage } from '../src/chat-protocol.ts';

// The load generator finds the sender's text in each chat event without
// JSON.parse; these check it reads what the hub really writes.

const chatEvent = (text: string) =>
  Buffer.from(JSON.stringify({ type: 'message', from: 'bench-sender', text, at: 1, online: 2 }));

describe('parseBenchMessage', () => {
  it('reads the sequence number and send time out of a chat event', () => {
    const text = benchText(41, 100);
    const sentAt = Number(text.split(' ')[2]) / 1000;
    expect(parseBenchMessage(chatEvent(text))).toEqual({ seq: 41, sentAt });
  });

  it("ignores events that are not the sender's bench messages", () => {
    expect(parseBenchMessage(chatEvent('hello bench 1 2'))).toBeUndefined();
    expect(
      parseBenchMessage(Buffer.from(JSON.stringify({ type: 'welcome', name: 'x', online: 1 }))),
    ).toBeUndefined();
  });
});

describe('benchStamps', () => {
  it("reads every envelope of a frame that joins several with newlines (gorilla's coalescing)", () => {
    const frame = Buffer.concat([
      chatEvent(benchText(7, 100)),
      Buffer.from('\n'),
      chatEvent('not the bench'),
      Buffer.from('\n'),
      chatEvent(benchText(8, 100)),
    ]);
    expect(benchStamps(frame).map((stamp) => stamp.seq)).toEqual([7, 8]);
  });

  it('reads a frame of one envelope, as our hub sends', () => {
    expect(benchStamps(chatEvent(benchText(3, 100))).map((stamp) => stamp.seq)).toEqual([3]);
  });
});
