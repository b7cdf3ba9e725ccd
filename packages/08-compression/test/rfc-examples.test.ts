import { encodeFrame, Opcode, Receiver } from '@sockets/frames';
import { describe, expect, it } from 'vitest';
import { type DeflateAgreement, PerMessageDeflate } from '../src/index.ts';

// RFC 7692 §7.2.3: every example frame, byte for byte, in both directions.
// These are a server's frames (unmasked), so our client reads them and our
// server writes them.

const hex = (bytes: string) => Buffer.from(bytes.replace(/\s/g, ''), 'hex');
const takeover: DeflateAgreement = {
  serverNoContextTakeover: false,
  clientNoContextTakeover: false,
  serverMaxWindowBits: 15,
  clientMaxWindowBits: 15,
};
const noTakeover = { ...takeover, serverNoContextTakeover: true };

/** What our server sends for each message, one frame each, as hex. */
function sent(agreement: DeflateAgreement, messages: string[]): string[] {
  const extension = new PerMessageDeflate(agreement, 'server', 0);
  return messages.map((message) => {
    const { payload, rsv1 } = extension.encode(Buffer.from(message));
    return Buffer.concat(encodeFrame(Opcode.text, payload, { rsv1 })).toString('hex');
  });
}

/** What our client makes of the server's frames. */
function received(agreement: DeflateAgreement, frames: Buffer[]): string[] {
  const extension = new PerMessageDeflate(agreement, 'client', 0);
  const receiver = new Receiver({ role: 'client', extension });
  return frames.flatMap((frame) =>
    receiver
      .push(frame)
      .map((event) => (event.kind === 'message' ? event.data.toString() : event.kind)),
  );
}

describe('RFC 7692 §7.2.3.1: a message compressed in one DEFLATE block', () => {
  const frame = hex('c1 07 f2 48 cd c9 c9 07 00');

  it('"Hello" is sent as c1 07 f2 48 cd c9 c9 07 00', () => {
    expect(sent(takeover, ['Hello'])).toEqual([frame.toString('hex')]);
  });

  it('is read back whole, and in two fragments (RSV1 on the first only)', () => {
    expect(received(takeover, [frame])).toEqual(['Hello']);
    expect(received(takeover, [hex('41 03 f2 48 cd'), hex('80 04 c9 c9 07 00')])).toEqual([
      'Hello',
    ]);
  });
});

describe('RFC 7692 §7.2.3.2: sharing the LZ77 sliding window', () => {
  it('with context takeover the second "Hello" points back at the first: c1 05 f2 00 11 00 00', () => {
    expect(sent(takeover, ['Hello', 'Hello'])).toEqual(['c107f248cdc9c90700', 'c105f200110000']);
    expect(
      received(takeover, [hex('c1 07 f2 48 cd c9 c9 07 00'), hex('c1 05 f2 00 11 00 00')]),
    ).toEqual(['Hello', 'Hello']);
  });

  it('with server_no_context_takeover both are compressed alone', () => {
    expect(sent(noTakeover, ['Hello', 'Hello'])).toEqual([
      'c107f248cdc9c90700',
      'c107f248cdc9c90700',
    ]);
  });

  it('without the window, the back-reference of the second cannot be read: 1007', () => {
    expect(received(noTakeover, [hex('c1 05 f2 00 11 00 00')])).toEqual(['error']);
  });
});

describe('RFC 7692 §7.2.3.3-5: other DEFLATE shapes a receiver must read', () => {
  it.each([
    ['§7.2.3.3, a block with no compression', 'c1 0b 00 05 00 fa ff 48 65 6c 6c 6f 00'],
    ['§7.2.3.4, a block with BFINAL set', 'c1 08 f3 48 cd c9 c9 07 00 00'],
    ['§7.2.3.5, two DEFLATE blocks in one message', 'c1 0d f2 48 05 00 00 00 ff ff ca c9 c9 07 00'],
  ])('%s: %s is "Hello"', (_name, frame) => {
    expect(received(takeover, [hex(frame)])).toEqual(['Hello']);
  });
});
