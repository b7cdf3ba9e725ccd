import { encodeFrame, Opcode, type ReceivedEvent, Receiver } from '@sockets/frames';
import { rawFrame } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { PerMessageDeflate } from '../src/index.ts';

// Lesson 04's receiver with lesson 08's extension plugged in: what RSV1 may
// mark, and what happens to the messages it marks (RFC 7692 §6).

const agreement = {
  serverNoContextTakeover: false,
  clientNoContextTakeover: false,
  serverMaxWindowBits: 15,
  clientMaxWindowBits: 15,
};
const hex = (bytes: string) => Buffer.from(bytes.replace(/\s/g, ''), 'hex');
/** RFC 7692 §7.2.3.1: "Hello", compressed. */
const helloDeflated = hex('f2 48 cd c9 c9 07 00');

function receive(frames: Buffer[], maxMessageBytes?: number): ReceivedEvent[] {
  const extension = new PerMessageDeflate(agreement, 'server', 0);
  const receiver = new Receiver({ role: 'server', extension, maxMessageBytes });
  return frames.flatMap((frame) => receiver.push(frame));
}
const fail = (closeCode: number, reason: RegExp) => ({
  kind: 'error',
  closeCode,
  reason: expect.stringMatching(reason),
});

describe('RSV1 with permessage-deflate negotiated', () => {
  it('marks a compressed message, inflated before the application sees it', () => {
    expect(receive([rawFrame({ opcode: Opcode.text, rsv: 4, payload: helloDeflated })])).toEqual([
      { kind: 'message', type: 'text', data: Buffer.from('Hello') },
    ]);
  });

  it('leaves a message without RSV1 as it came', () => {
    expect(receive([rawFrame({ opcode: Opcode.binary, payload: 'Hello' })])).toEqual([
      { kind: 'message', type: 'binary', data: Buffer.from('Hello') },
    ]);
  });

  it('reads a compressed message in fragments, RSV1 on the first one only', () => {
    const frames = [
      rawFrame({ opcode: Opcode.text, rsv: 4, fin: false, payload: helloDeflated.subarray(0, 3) }),
      rawFrame({ opcode: Opcode.continuation, payload: helloDeflated.subarray(3) }),
    ];
    expect(receive(frames)).toEqual([
      { kind: 'message', type: 'text', data: Buffer.from('Hello') },
    ]);
  });

  it('fails RSV1 on a continuation frame with 1002 (§6.1)', () => {
    const frames = [
      rawFrame({ opcode: Opcode.text, rsv: 4, fin: false, payload: helloDeflated.subarray(0, 3) }),
      rawFrame({ opcode: Opcode.continuation, rsv: 4, payload: helloDeflated.subarray(3) }),
    ];
    expect(receive(frames)).toEqual([fail(1002, /RSV1 on a continuation frame/)]);
  });

  it.each([Opcode.ping, Opcode.pong, Opcode.close])(
    'fails RSV1 on control frame %i with 1002 (§6.1)',
    (opcode) => {
      expect(receive([rawFrame({ opcode, rsv: 4 })])).toEqual([
        fail(1002, /RSV1 on a (ping|pong|close) frame/),
      ]);
    },
  );

  it.each([2, 1, 6])('still fails RSV bits %i, which permessage-deflate does not define', (rsv) => {
    expect(receive([rawFrame({ opcode: Opcode.text, rsv, payload: 'x' })])).toEqual([
      fail(1002, /RSV bits set/),
    ]);
  });

  it('fails invalid deflate data with 1007', () => {
    expect(
      receive([rawFrame({ opcode: Opcode.binary, rsv: 4, payload: hex('ff ff ff') })]),
    ).toEqual([fail(1007, /invalid compressed data/)]);
  });

  it('fails text that inflates to bytes that are not UTF-8 with 1007', () => {
    const payload = new PerMessageDeflate(agreement, 'client', 0).encode(Buffer.from([0xc3, 0x28]));
    expect(receive([rawFrame({ opcode: Opcode.text, rsv: 4, payload: payload.payload })])).toEqual([
      fail(1007, /not valid UTF-8/),
    ]);
  });

  it('checks MAX_MESSAGE_BYTES against the inflated size: 1009', () => {
    const payload = new PerMessageDeflate(agreement, 'client', 0).encode(Buffer.alloc(100_000));
    expect(payload.payload.length).toBeLessThan(1000);
    const frame = rawFrame({ opcode: Opcode.binary, rsv: 4, payload: payload.payload });
    expect(receive([frame], 10_000)).toEqual([fail(1009, /inflates to more than 10000 bytes/)]);
  });
});

describe('encodeFrame with rsv1', () => {
  it('sets RSV1 in the first byte of a data frame', () => {
    const [header] = encodeFrame(Opcode.text, helloDeflated, { rsv1: true });
    expect(header![0]).toBe(0xc1);
  });

  it('refuses RSV1 on a control frame: a bug in our own program', () => {
    expect(() => encodeFrame(Opcode.ping, Buffer.alloc(0), { rsv1: true })).toThrow(RangeError);
  });
});

describe('without the extension', () => {
  it('RSV1 stays a protocol error (1002)', () => {
    const receiver = new Receiver({ role: 'server' });
    expect(
      receiver.push(rawFrame({ opcode: Opcode.text, rsv: 4, payload: helloDeflated })),
    ).toEqual([fail(1002, /RSV bits set/)]);
  });
});
