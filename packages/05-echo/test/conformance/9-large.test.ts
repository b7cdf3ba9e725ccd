import { Opcode } from '@sockets/frames';
import { rawFrame } from '@sockets/testkit';
import { it } from 'vitest';
import { expectFailure, expectMessage, forEachServer, masked } from './servers.ts';

// Autobahn|Testsuite 9.*: large messages, up to the 16 MiB limit, and 1009
// "message too big" just above it (§7.4.1, §10.4).

const MiB = 1024 * 1024;

forEachServer((connect, server) => {
  it('echoes a binary message of exactly 16 MiB, the default limit', async () => {
    const client = await connect();
    const payload = Buffer.alloc(16 * MiB);
    for (let i = 0; i < payload.length; i += 4096) payload[i] = i >> 12;
    client.write(masked(Opcode.binary, payload));
    await expectMessage(client, 'binary', payload);
  });

  it('echoes a 4 MiB text message sent in 64 KiB fragments', async () => {
    const client = await connect();
    const text = 'abcdefgh'.repeat(MiB / 2);
    const fragments = [];
    for (let offset = 0; offset < text.length; offset += 64 * 1024) {
      const last = offset + 64 * 1024 >= text.length;
      const opcode = offset === 0 ? Opcode.text : Opcode.continuation;
      fragments.push(masked(opcode, text.slice(offset, offset + 64 * 1024), last));
    }
    client.write(...fragments);
    await expectMessage(client, 'text', text);
  });

  it('fails a frame that announces 16 MiB + 1 byte with 1009, at its header', async () => {
    const client = await connect();
    client.write(rawFrame({ opcode: Opcode.binary, declaredLength: BigInt(16 * MiB + 1) }));
    await expectFailure(client, 1009);
  });

  it('fails a fragmented message that grows past the limit with 1009', async () => {
    const client = await connect({ maxMessageBytes: 1000 });
    client.write(
      masked(Opcode.binary, Buffer.alloc(600), false),
      masked(Opcode.continuation, Buffer.alloc(600)),
    );
    await expectFailure(client, 1009);
  });

  // §5.2: "the most significant bit MUST be 0". Lesson 04 calls breaking that
  // rule a protocol error; ws reads the length first and finds it too big.
  it(`${server === 'ours' ? 'fails' : 'differs: ws fails'} a 64-bit length with its top bit set with ${server === 'ours' ? 1002 : 1009}`, async () => {
    const client = await connect();
    client.write(rawFrame({ opcode: Opcode.binary, declaredLength: 1n << 63n }));
    await expectFailure(client, server === 'ours' ? 1002 : 1009);
  });
});
