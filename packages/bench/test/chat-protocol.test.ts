import { describe, expect, it } from 'vitest';
import { benchText, parseBenchMessage } from '../src/chat-protocol.ts';

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
