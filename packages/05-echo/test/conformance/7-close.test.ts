import { encodeCloseFrame, Opcode } from '@sockets/frames';
import { rawFrame } from '@sockets/testkit';
import { expect, it } from 'vitest';
import { expectFailure, forEachServer, masked } from './servers.ts';

// Autobahn|Testsuite 7.*: the closing handshake (§5.5.1, §7). The server
// answers a close frame with one echoing its code (and here its reason), then
// closes the TCP connection first (§7.1.1); anything after the client's close
// frame is ignored.

/** A close frame with any 2-byte code, even one the encoder refuses to send. */
function closeWithCode(code: number, reason = ''): Buffer {
  const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
  payload.writeUInt16BE(code);
  payload.write(reason, 2);
  return rawFrame({ opcode: Opcode.close, payload });
}

const validCodes = [
  1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999,
];
const invalidCodes = [0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535];

forEachServer((connect) => {
  it('answers a close frame without a body with one without a body, then ends TCP', async () => {
    const client = await connect();
    client.write(encodeCloseFrame(undefined, '', { mask: true }));
    // Lesson 04's Receiver reports an empty close body as 1005 (§7.1.5).
    expect(await client.closed()).toEqual({ code: 1005, reason: '' });
  });

  it.each(validCodes)('echoes close code %i and its reason', async (code) => {
    const client = await connect();
    client.write(closeWithCode(code, 'bye'));
    expect(await client.closed()).toEqual({ code, reason: 'bye' });
  });

  it.each(invalidCodes)('fails close code %i with 1002 (§7.4.1, §7.4.2)', async (code) => {
    const client = await connect();
    client.write(closeWithCode(code));
    await expectFailure(client, 1002);
  });

  it('fails a close frame with a 1-byte body with 1002 (§5.5.1)', async () => {
    const client = await connect();
    client.write(rawFrame({ opcode: Opcode.close, payload: Buffer.from([0x03]) }));
    await expectFailure(client, 1002);
  });

  it('fails a close reason that is not UTF-8 with 1007', async () => {
    const client = await connect();
    const payload = Buffer.from([0x03, 0xe8, 0x61, 0xff]);
    client.write(rawFrame({ opcode: Opcode.close, payload }));
    await expectFailure(client, 1007);
  });

  it('echoes the longest reason a close frame can carry (123 bytes)', async () => {
    const client = await connect();
    const reason = 'r'.repeat(123);
    client.write(closeWithCode(1000, reason));
    expect(await client.closed()).toEqual({ code: 1000, reason });
  });

  it('ignores a message and a ping that come after the close frame', async () => {
    const client = await connect();
    client.write(
      closeWithCode(1000, 'done'),
      masked(Opcode.text, 'too late'),
      masked(Opcode.ping, 'too late'),
    );
    expect(await client.closed()).toEqual({ code: 1000, reason: 'done' });
  });

  it('echoes the messages before a close frame, then closes', async () => {
    const client = await connect();
    client.write(masked(Opcode.text, 'last words'), closeWithCode(1000));
    expect(await client.next()).toMatchObject({ kind: 'message', data: Buffer.from('last words') });
    expect(await client.closed()).toEqual({ code: 1000, reason: '' });
  });
});
