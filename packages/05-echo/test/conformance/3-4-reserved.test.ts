import { Opcode } from '@sockets/frames';
import { rawFrame } from '@sockets/testkit';
import { it } from 'vitest';
import { expectFailure, expectMessage, forEachServer, masked } from './servers.ts';

// Autobahn|Testsuite 3.* (reserved bits) and 4.* (reserved opcodes): no
// extension was negotiated, so any RSV bit, and any opcode §5.2 does not
// define, fails the connection with 1002.

forEachServer((connect) => {
  it.each([1, 2, 3, 4, 5, 6, 7])('fails a text frame with RSV bits %i with 1002', async (rsv) => {
    const client = await connect();
    client.write(rawFrame({ opcode: Opcode.text, payload: 'hello', rsv }));
    await expectFailure(client, 1002);
  });

  it('fails RSV bits on a ping too, after echoing the good frame before it', async () => {
    const client = await connect();
    client.write(masked(Opcode.text, 'good'), rawFrame({ opcode: Opcode.ping, rsv: 4 }));
    await expectMessage(client, 'text', 'good');
    await expectFailure(client, 1002);
  });

  it.each([0x3, 0x4, 0x5, 0x6, 0x7, 0xb, 0xc, 0xd, 0xe, 0xf])(
    'fails reserved opcode %i with 1002',
    async (opcode) => {
      const client = await connect();
      client.write(rawFrame({ opcode, payload: 'reserved' }));
      await expectFailure(client, 1002);
    },
  );
});
