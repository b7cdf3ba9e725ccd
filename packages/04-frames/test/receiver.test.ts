import { rawFrame, splitAt } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { encodeCloseFrame, encodeFrame, Opcode, Receiver } from '../src/index.ts';
import { receive } from './receive.ts';

const text = (data: string) => ({ kind: 'message', type: 'text', data: Buffer.from(data) });
const fail = (closeCode: number, reason: RegExp) => ({
  kind: 'error',
  closeCode,
  reason: expect.stringMatching(reason),
});
const hex = (bytes: string) => Buffer.from(bytes.replace(/\s/g, ''), 'hex');

describe('the receiver reads frames', () => {
  it("reads seed 001's masked `hello, server!` as a text message", () => {
    const frame = Buffer.concat(
      encodeFrame(Opcode.text, Buffer.from('hello, server!'), { mask: true }),
    );
    expect(receive(frame)).toEqual([text('hello, server!')]);
  });

  it('reads the examples of RFC 6455 §5.7 byte for byte', () => {
    const client = { role: 'client' } as const;
    expect(receive(hex('81 05 48 65 6c 6c 6f'), client)).toEqual([text('Hello')]);
    expect(receive(hex('81 85 37 fa 21 3d 7f 9f 4d 51 58'))).toEqual([text('Hello')]);
    expect(receive(hex('01 03 48 65 6c 80 02 6c 6f'), client)).toEqual([text('Hello')]);
    expect(receive(hex('89 05 48 65 6c 6c 6f'), client)).toEqual([
      { kind: 'ping', data: Buffer.from('Hello') },
    ]);
    expect(receive(hex('8a 85 37 fa 21 3d 7f 9f 4d 51 58'))).toEqual([
      { kind: 'pong', data: Buffer.from('Hello') },
    ]);
    const binary256 = Buffer.concat([hex('82 7e 01 00'), Buffer.alloc(256, 0xab)]);
    expect(receive(binary256, client)).toEqual([
      { kind: 'message', type: 'binary', data: Buffer.alloc(256, 0xab) },
    ]);
    const binary64k = Buffer.concat([hex('82 7f 00 00 00 00 00 01 00 00'), Buffer.alloc(65536, 1)]);
    expect(receive(binary64k, client)).toEqual([
      { kind: 'message', type: 'binary', data: Buffer.alloc(65536, 1) },
    ]);
  });

  it('reads many frames from one chunk and one frame from many chunks', () => {
    const frames = Buffer.concat([
      rawFrame({ opcode: Opcode.text, payload: 'one' }),
      rawFrame({ opcode: Opcode.text, payload: 'two' }),
      rawFrame({ opcode: Opcode.binary, payload: 'x'.repeat(300) }),
    ]);
    const expected = [
      text('one'),
      text('two'),
      { kind: 'message', type: 'binary', data: Buffer.from('x'.repeat(300)) },
    ];
    expect(receive(Buffer.from(frames))).toEqual(expected);
    const byteByByte = Array.from(frames, (byte) => Buffer.from([byte]));
    expect(receive(byteByByte)).toEqual(expected);
  });

  it('returns events only once a frame is complete', () => {
    const receiver = new Receiver({ role: 'server' });
    const [start, end] = splitAt(rawFrame({ opcode: Opcode.text, payload: 'hello' }), [7]);
    expect(receiver.push(start!)).toEqual([]);
    expect(receiver.push(Buffer.alloc(0))).toEqual([]);
    expect(receiver.push(end!)).toEqual([text('hello')]);
  });

  it('reads empty messages and empty control frames', () => {
    expect(
      receive(
        Buffer.concat([
          rawFrame({ opcode: Opcode.text }),
          rawFrame({ opcode: Opcode.binary }),
          rawFrame({ opcode: Opcode.ping }),
        ]),
      ),
    ).toEqual([
      text(''),
      { kind: 'message', type: 'binary', data: Buffer.alloc(0) },
      { kind: 'ping', data: Buffer.alloc(0) },
    ]);
  });
});

describe('fragmentation (§5.4)', () => {
  it('joins a message from a first frame and continuations, with control frames in between', () => {
    const bytes = Buffer.concat([
      rawFrame({ opcode: Opcode.text, payload: 'hel', fin: false }),
      rawFrame({ opcode: Opcode.ping, payload: 'are you there?' }),
      rawFrame({ opcode: Opcode.continuation, payload: 'lo, ', fin: false }),
      rawFrame({ opcode: Opcode.pong }),
      rawFrame({ opcode: Opcode.continuation, payload: 'server!' }),
      rawFrame({ opcode: Opcode.binary, payload: 'next' }),
    ]);
    expect(receive(bytes)).toEqual([
      { kind: 'ping', data: Buffer.from('are you there?') },
      { kind: 'pong', data: Buffer.alloc(0) },
      text('hello, server!'),
      { kind: 'message', type: 'binary', data: Buffer.from('next') },
    ]);
  });

  it('refuses a continuation frame with nothing to continue (1002)', () => {
    expect(receive(rawFrame({ opcode: Opcode.continuation, payload: 'lo' }))).toEqual([
      fail(1002, /continuation frame with no message/),
    ]);
  });

  it('refuses a new data frame while a message is unfinished (1002)', () => {
    const bytes = Buffer.concat([
      rawFrame({ opcode: Opcode.text, payload: 'hel', fin: false }),
      rawFrame({ opcode: Opcode.binary, payload: 'oops' }),
    ]);
    expect(receive(bytes)).toEqual([fail(1002, /binary frame inside an unfinished message/)]);
  });
});

describe('header rules: protocol errors, close code 1002', () => {
  it.each([
    [1, 'RSV1'],
    [2, 'RSV2'],
    [4, 'RSV3'],
  ])('refuses RSV bits %i (%s) without an extension', (rsv) => {
    expect(receive(rawFrame({ opcode: Opcode.text, payload: 'x', rsv }))).toEqual([
      fail(1002, /RSV bits set/),
    ]);
  });

  it.each([3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf])('refuses reserved opcode 0x%s', (opcode) => {
    expect(receive(rawFrame({ opcode }))).toEqual([fail(1002, /reserved .* opcode/)]);
  });

  it.each([Opcode.ping, Opcode.pong, Opcode.close])(
    'refuses a fragmented control frame (0x%s)',
    (opcode) => {
      expect(receive(rawFrame({ opcode, fin: false }))).toEqual([fail(1002, /fragmented/)]);
    },
  );

  it('refuses a control frame over 125 bytes, at its header', () => {
    const header = rawFrame({ opcode: Opcode.ping, payload: 'x'.repeat(126) }).subarray(0, 8);
    expect(receive(header)).toEqual([fail(1002, /ping frame longer than 125 bytes/)]);
    expect(receive(rawFrame({ opcode: Opcode.ping, payload: 'x'.repeat(125) }))).toEqual([
      { kind: 'ping', data: Buffer.from('x'.repeat(125)) },
    ]);
  });

  it('a server refuses an unmasked frame, a client refuses a masked one (§5.1)', () => {
    expect(receive(rawFrame({ opcode: Opcode.text, payload: 'hi', mask: false }))).toEqual([
      fail(1002, /unmasked client frame/),
    ]);
    expect(receive(rawFrame({ opcode: Opcode.text, payload: 'hi' }), { role: 'client' })).toEqual([
      fail(1002, /masked server frame/),
    ]);
    expect(
      receive(rawFrame({ opcode: Opcode.text, payload: 'hi', mask: false }), { role: 'client' }),
    ).toEqual([text('hi')]);
  });

  it('refuses a 64-bit length with its most significant bit set', () => {
    const frame = rawFrame({ opcode: Opcode.binary, declaredLength: 1n << 63n });
    expect(receive(frame.subarray(0, 14))).toEqual([fail(1002, /top bit set/)]);
  });

  it('refuses a length that is not in its minimal form', () => {
    const in16 = rawFrame({ opcode: Opcode.text, payload: 'hi', lengthForm: 16 });
    expect(receive(in16)).toEqual([fail(1002, /16-bit length used for fewer than 126/)]);
    const in64 = rawFrame({ opcode: Opcode.text, payload: 'x'.repeat(300), lengthForm: 64 });
    expect(receive(in64)).toEqual([fail(1002, /64-bit length used for fewer than 65536/)]);
    const edge = rawFrame({ opcode: Opcode.text, payload: 'x'.repeat(126), lengthForm: 16 });
    expect(receive(edge)).toEqual([text('x'.repeat(126))]);
  });
});

describe('text must be UTF-8 (1007)', () => {
  it('refuses a text frame that is not UTF-8', () => {
    const frame = rawFrame({ opcode: Opcode.text, payload: Buffer.from([0xce, 0xba, 0xff]) });
    expect(receive(frame)).toEqual([fail(1007, /not valid UTF-8/)]);
  });

  it('accepts a character split across fragments', () => {
    const euro = Buffer.from('€'); // e2 82 ac
    const bytes = Buffer.concat([
      rawFrame({ opcode: Opcode.text, payload: euro.subarray(0, 1), fin: false }),
      rawFrame({ opcode: Opcode.continuation, payload: euro.subarray(1, 2), fin: false }),
      rawFrame({ opcode: Opcode.continuation, payload: euro.subarray(2) }),
    ]);
    expect(receive(bytes)).toEqual([text('€')]);
  });

  it('fails at the fragment that breaks UTF-8, without waiting for the end of the message', () => {
    const receiver = new Receiver({ role: 'server' });
    expect(receiver.push(rawFrame({ opcode: Opcode.text, payload: 'κόσμε', fin: false }))).toEqual(
      [],
    );
    const bad = rawFrame({
      opcode: Opcode.continuation,
      payload: Buffer.from([0xf4, 0x90, 0x80, 0x80]),
      fin: false,
    });
    expect(receiver.push(bad)).toEqual([fail(1007, /not valid UTF-8/)]);
  });

  it('refuses a message that ends in the middle of a character', () => {
    const bytes = Buffer.concat([
      rawFrame({ opcode: Opcode.text, payload: 'ok', fin: false }),
      rawFrame({ opcode: Opcode.continuation, payload: Buffer.from([0xe2, 0x82]) }),
    ]);
    expect(receive(bytes)).toEqual([fail(1007, /not valid UTF-8/)]);
  });

  it('does not check binary messages', () => {
    const frame = rawFrame({ opcode: Opcode.binary, payload: Buffer.from([0xff]) });
    expect(receive(frame)).toEqual([
      { kind: 'message', type: 'binary', data: Buffer.from([0xff]) },
    ]);
  });
});

describe('limits', () => {
  it('refuses a frame over maxMessageBytes at its header, before the payload arrives (1009)', () => {
    const receiver = new Receiver({ role: 'server', maxMessageBytes: 1000 });
    const header = rawFrame({ opcode: Opcode.binary, declaredLength: 1001n });
    expect(receiver.push(header)).toEqual([fail(1009, /message over 1000 bytes/)]);
    const limit = { role: 'server', maxMessageBytes: 1000 } as const;
    expect(
      receive(rawFrame({ opcode: Opcode.binary, payload: 'x'.repeat(1000) }), limit),
    ).toHaveLength(1);
    const huge = rawFrame({ opcode: Opcode.binary, declaredLength: 2n ** 62n });
    expect(receive(huge)).toEqual([fail(1009, /message over/)]);
  });

  it('counts the running total of fragments against maxMessageBytes (1009)', () => {
    const fragment = (opcode: number, fin: boolean) =>
      rawFrame({ opcode, payload: 'x'.repeat(400), fin });
    const bytes = Buffer.concat([
      fragment(Opcode.text, false),
      fragment(Opcode.continuation, false),
      fragment(Opcode.continuation, true),
    ]);
    expect(receive(bytes, { role: 'server', maxMessageBytes: 1000 })).toEqual([
      fail(1009, /message over 1000 bytes/),
    ]);
    expect(receive(Buffer.from(bytes), { role: 'server', maxMessageBytes: 1200 })).toHaveLength(1);
  });

  it('refuses a message in more than maxFragments frames (1008)', () => {
    const fragments = [
      rawFrame({ opcode: Opcode.binary, fin: false }),
      ...Array.from({ length: 3 }, () => rawFrame({ opcode: Opcode.continuation, fin: false })),
    ];
    expect(receive(fragments, { role: 'server', maxFragments: 3 })).toEqual([
      fail(1008, /over 3 fragments/),
    ]);
  });

  it('refuses a frame trickled in more than maxBufferedChunks chunks (1008)', () => {
    const frame = rawFrame({ opcode: Opcode.binary, payload: 'x'.repeat(100) });
    const chunks = Array.from(frame, (byte) => Buffer.from([byte]));
    expect(receive(chunks, { role: 'server', maxBufferedChunks: 50 })).toEqual([
      fail(1008, /more than 50 chunks/),
    ]);
  });
});

describe('close frames (§5.5.1)', () => {
  const closeWith = (payload: Buffer) => receive(rawFrame({ opcode: Opcode.close, payload }));
  const codeAndReason = (code: number, reason = '') => {
    const payload = Buffer.alloc(2);
    payload.writeUInt16BE(code);
    return Buffer.concat([payload, Buffer.from(reason)]);
  };

  it('reads a code and a reason, and reports an empty body as 1005', () => {
    expect(closeWith(codeAndReason(1000, 'bye'))).toEqual([
      { kind: 'close', code: 1000, reason: 'bye' },
    ]);
    expect(closeWith(Buffer.alloc(0))).toEqual([{ kind: 'close', code: 1005, reason: '' }]);
  });

  it.each([1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4999])(
    'accepts code %i',
    (code) => {
      expect(closeWith(codeAndReason(code))).toEqual([{ kind: 'close', code, reason: '' }]);
    },
  );

  it.each([0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535])(
    'refuses code %i (1002)',
    (code) => {
      expect(closeWith(codeAndReason(code))).toEqual([fail(1002, /not allowed on the wire/)]);
    },
  );

  it('refuses a 1-byte body (1002) and a reason that is not UTF-8 (1007)', () => {
    expect(closeWith(Buffer.from([0x03]))).toEqual([fail(1002, /1-byte body/)]);
    const badReason = Buffer.concat([codeAndReason(1000), Buffer.from([0xc3, 0x28])]);
    expect(closeWith(badReason)).toEqual([fail(1007, /not UTF-8/)]);
  });

  it('reads nothing after a close frame', () => {
    const receiver = new Receiver({ role: 'server' });
    const bytes = Buffer.concat([
      ...encodeCloseFrame(1000, 'bye', { mask: true }),
      rawFrame({ opcode: Opcode.text, payload: 'too late' }),
    ]);
    expect(receiver.push(bytes)).toEqual([{ kind: 'close', code: 1000, reason: 'bye' }]);
    expect(receiver.push(rawFrame({ opcode: Opcode.text, payload: 'later' }))).toEqual([]);
  });
});

describe('after an error', () => {
  it('reports the events before it, then the error, then ignores every further byte', () => {
    const receiver = new Receiver({ role: 'server' });
    const bytes = Buffer.concat([
      rawFrame({ opcode: Opcode.text, payload: 'fine' }),
      rawFrame({ opcode: 0x3 }),
      rawFrame({ opcode: Opcode.text, payload: 'ignored' }),
    ]);
    expect(receiver.push(bytes)).toEqual([text('fine'), fail(1002, /reserved/)]);
    expect(receiver.push(rawFrame({ opcode: Opcode.text, payload: 'ignored' }))).toEqual([]);
  });
});
