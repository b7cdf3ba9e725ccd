import { wsFrame, wsReceive } from '@sockets/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCloseFrame, encodeFrame, Opcode, type Role } from '../src/index.ts';
import { receive } from './receive.ts';

// The proof that our framing speaks the same language as a real library: ws
// (the framing under most Node WebSocket servers) reads what we write, and we
// read what it writes, masked (client to server) and unmasked (server to client).

const sizes = [0, 1, 14, 125, 126, 1000, 65535, 65536, 200_000];
const payload = (size: number) =>
  Buffer.from(Array.from({ length: size }, (_, i) => (i * 7) & 0xff));
/** Payloads as base64, which compares 200 kB far faster than a deep equal of Buffers. */
const summary = (events: object[]) =>
  events.map((event) =>
    'data' in event && Buffer.isBuffer(event.data)
      ? { ...event, data: event.data.toString('base64') }
      : event,
  );
const sides: [Role, boolean][] = [
  ['server', true],
  ['client', false],
];

describe('ws writes, we read', () => {
  it.each(sides)('as a %s, binary messages of every length form', (role, mask) => {
    for (const size of sizes) {
      const events = receive(wsFrame(Opcode.binary, payload(size), true, mask), { role });
      expect(summary(events)).toEqual(
        summary([{ kind: 'message', type: 'binary', data: payload(size) }]),
      );
    }
  });

  it.each(sides)(
    'as a %s, a fragmented text message with a ping inside, then a close',
    (role, mask) => {
      const bytes = Buffer.concat([
        wsFrame(Opcode.text, Buffer.from('hello, '), false, mask),
        wsFrame(Opcode.ping, Buffer.from('hb'), true, mask),
        wsFrame(Opcode.continuation, Buffer.from('s€rver!'), true, mask),
        wsFrame(Opcode.close, Buffer.from([0x03, 0xe8, 0x62, 0x79, 0x65]), true, mask),
      ]);
      expect(receive(bytes, { role })).toEqual([
        { kind: 'ping', data: Buffer.from('hb') },
        { kind: 'message', type: 'text', data: Buffer.from('hello, s€rver!') },
        { kind: 'close', code: 1000, reason: 'bye' },
      ]);
    },
  );

  it('any text ws frames, in any fragments, reads back the same', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.nat(), (text, cut) => {
        const bytes = Buffer.from(text);
        const at = cut % (bytes.length + 1);
        const frames = Buffer.concat([
          wsFrame(Opcode.text, bytes.subarray(0, at), false, true),
          wsFrame(Opcode.continuation, bytes.subarray(at), true, true),
        ]);
        expect(receive(frames)).toEqual([{ kind: 'message', type: 'text', data: bytes }]);
      }),
    );
  });
});

describe('we write, ws reads', () => {
  it.each(sides)('to a %s, binary messages of every length form', (role, mask) => {
    for (const size of sizes) {
      const frame = Buffer.concat(encodeFrame(Opcode.binary, payload(size), { mask }));
      expect(summary(wsReceive(frame, role === 'server'))).toEqual(
        summary([{ kind: 'message', type: 'binary', data: payload(size) }]),
      );
    }
  });

  it.each(sides)(
    'to a %s, a fragmented text message with a ping inside, then a close',
    (role, mask) => {
      const bytes = Buffer.concat([
        ...encodeFrame(Opcode.text, Buffer.from('hello, '), { fin: false, mask }),
        ...encodeFrame(Opcode.ping, Buffer.from('hb'), { mask }),
        ...encodeFrame(Opcode.continuation, Buffer.from('s€rver!'), { mask }),
        ...encodeCloseFrame(1000, 'bye', { mask }),
      ]);
      expect(wsReceive(bytes, role === 'server')).toEqual([
        { kind: 'ping', data: Buffer.from('hb') },
        { kind: 'message', type: 'text', data: Buffer.from('hello, s€rver!') },
        { kind: 'close', code: 1000, reason: 'bye' },
      ]);
    },
  );

  it('a close frame with a reason cut to fit is still one ws accepts', () => {
    const frame = Buffer.concat(encodeCloseFrame(4000, '€'.repeat(100), { mask: true }));
    expect(wsReceive(frame, true)).toEqual([{ kind: 'close', code: 4000, reason: '€'.repeat(41) }]);
  });
});
