import { Receiver } from '@sockets/frames';
import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../src/messages.ts';
import { prepareFrame } from '../src/prepared-frame.ts';

// The hub writes these bytes to every client's socket itself, past ws's
// sender, so they must be exactly what a client's WebSocket parser expects:
// lesson 04's Receiver, in the client's role, reads them back.

function readBack(frame: Buffer) {
  return new Receiver({ role: 'client' }).push(Buffer.from(frame));
}

describe('prepareFrame', () => {
  it('is one unmasked text frame whose payload is the event as JSON', () => {
    const event: ChatEvent = { type: 'message', from: 'ann', text: 'hi', at: 1, online: 2 };
    const frame = prepareFrame(event);
    expect(frame[0]).toBe(0x81); // FIN + opcode 1, text (RFC 6455 §5.2)
    expect(frame[1]! & 0x80).toBe(0); // a server never masks (§5.1)
    const [received] = readBack(frame);
    expect(received).toMatchObject({ kind: 'message', type: 'text' });
    expect(JSON.parse((received as { data: Buffer }).data.toString())).toEqual(event);
  });

  it('uses the 16-bit length form for an event longer than 125 bytes', () => {
    const event: ChatEvent = {
      type: 'message',
      from: 'bob',
      text: 'é'.repeat(200),
      at: 1,
      online: 2,
    };
    const frame = prepareFrame(event);
    expect(frame[1]).toBe(126);
    expect(frame.readUInt16BE(2)).toBe(frame.length - 4);
    const [received] = readBack(frame);
    expect(JSON.parse((received as { data: Buffer }).data.toString())).toEqual(event);
  });
});
