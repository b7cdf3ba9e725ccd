import { Opcode } from '@sockets/frames';
import { rawFrame } from '@sockets/testkit';
import { it } from 'vitest';
import { expectFailure, expectMessage, forEachServer, masked } from './servers.ts';

// Autobahn|Testsuite 1.*: framing. Every payload length form (7-bit, 16-bit,
// 64-bit and their edges), text and binary, delivered whole, byte by byte,
// and many frames to one write.

const lengths = [0, 125, 126, 127, 65535, 65536, 1024 * 1024];

forEachServer((connect, server) => {
  it.each(lengths)('echoes text and binary of %i bytes', async (length) => {
    const client = await connect();
    const text = 'x'.repeat(length);
    const binary = Buffer.alloc(length, 0xfe);
    client.write(masked(Opcode.text, text), masked(Opcode.binary, binary));
    await expectMessage(client, 'text', text);
    await expectMessage(client, 'binary', binary);
  });

  it('reads a frame delivered one byte at a time', async () => {
    const client = await connect();
    client.socket.setNoDelay(true);
    const frame = Buffer.concat(masked(Opcode.text, 'hello, server!'));
    for (const byte of frame) client.socket.write(Buffer.from([byte]));
    await expectMessage(client, 'text', 'hello, server!');
  });

  it('reads 100 frames that arrive in one write, and answers them in order', async () => {
    const client = await connect();
    const messages = Array.from({ length: 100 }, (_, i) => `message ${i}`);
    client.write(...messages.map((message) => masked(Opcode.text, message)));
    for (const message of messages) await expectMessage(client, 'text', message);
  });

  it('fails an unmasked client frame with 1002 (§5.1)', async () => {
    const client = await connect();
    client.write(rawFrame({ opcode: Opcode.text, payload: 'hello', mask: false }));
    await expectFailure(client, 1002);
  });

  // §5.2 says "the minimal number of bytes MUST be used to encode the length";
  // lesson 04 enforces it (1002), ws reads any form. Both answers keep the
  // connection safe; ours is the stricter reading of the RFC.
  it(`${server === 'ours' ? 'fails' : 'differs: ws accepts'} a 3-byte payload sent with a 16-bit length`, async () => {
    const client = await connect();
    client.write(rawFrame({ opcode: Opcode.text, payload: 'abc', lengthForm: 16 }));
    if (server === 'ours') await expectFailure(client, 1002);
    else await expectMessage(client, 'text', 'abc');
  });

  it(`${server === 'ours' ? 'fails' : 'differs: ws also accepts'} a 3-byte payload with a 64-bit length`, async () => {
    const client = await connect();
    client.write(rawFrame({ opcode: Opcode.binary, payload: 'abc', lengthForm: 64 }));
    if (server === 'ours') await expectFailure(client, 1002);
    else await expectMessage(client, 'binary', 'abc');
  });
});
