import { Opcode } from '@sockets/frames';
import { rawFrame } from '@sockets/testkit';
import { expect, it } from 'vitest';
import { expectFailure, expectMessage, forEachServer, masked } from './servers.ts';

// Autobahn|Testsuite 2.*: pings and pongs (§5.5.2, §5.5.3).

forEachServer((connect) => {
  it.each([0, 1, 125])(
    'answers a ping of %i bytes with a pong carrying the same bytes',
    async (length) => {
      const client = await connect();
      const payload = Buffer.alloc(length, 0x2a);
      client.write(masked(Opcode.ping, payload));
      const pong = await client.next();
      expect(pong.kind).toBe('pong');
      if (pong.kind === 'pong') expect(pong.data.equals(payload)).toBe(true);
    },
  );

  it('answers ten pings in one write with ten pongs, in order', async () => {
    const client = await connect();
    const payloads = Array.from({ length: 10 }, (_, i) => `ping ${i}`);
    client.write(...payloads.map((payload) => masked(Opcode.ping, payload)));
    for (const payload of payloads) {
      expect(await client.next()).toMatchObject({ kind: 'pong', data: Buffer.from(payload) });
    }
  });

  it('fails a ping of 126 bytes with 1002: control frames carry at most 125 (§5.5)', async () => {
    const client = await connect();
    client.write(rawFrame({ opcode: Opcode.ping, payload: Buffer.alloc(126) }));
    await expectFailure(client, 1002);
  });

  it('fails a fragmented ping with 1002 (§5.5)', async () => {
    const client = await connect();
    client.write(rawFrame({ opcode: Opcode.ping, payload: 'hi', fin: false }));
    await expectFailure(client, 1002);
  });

  it('ignores an unsolicited pong (§5.5.3) and goes on echoing', async () => {
    const client = await connect();
    client.write(masked(Opcode.pong, 'unsolicited'), masked(Opcode.text, 'after the pong'));
    await expectMessage(client, 'text', 'after the pong');
  });
});
