import { Opcode } from '@sockets/frames';
import { rawFrame } from '@sockets/testkit';
import { expect, it } from 'vitest';
import { expectFailure, expectMessage, forEachServer, masked } from './servers.ts';

// Autobahn|Testsuite 5.*: fragmented messages (§5.4). A message is echoed
// once it is whole; control frames may come between its fragments; two data
// messages never interleave.

forEachServer((connect) => {
  it('echoes a text message sent in three fragments as one message', async () => {
    const client = await connect();
    client.write(
      masked(Opcode.text, 'hello', false),
      masked(Opcode.continuation, ', ', false),
      masked(Opcode.continuation, 'server!'),
    );
    await expectMessage(client, 'text', 'hello, server!');
  });

  it('echoes a binary message of 1000 one-byte fragments', async () => {
    const client = await connect();
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i & 0xff));
    const fragments = [...bytes].map((byte, i) =>
      masked(i === 0 ? Opcode.binary : Opcode.continuation, Buffer.from([byte]), i === 999),
    );
    client.write(...fragments);
    await expectMessage(client, 'binary', bytes);
  });

  it('answers pings between fragments at once, before the message is complete', async () => {
    const client = await connect();
    client.write(masked(Opcode.text, 'first ', false), masked(Opcode.ping, 'one'));
    expect(await client.next()).toMatchObject({ kind: 'pong', data: Buffer.from('one') });
    client.write(masked(Opcode.ping, 'two'), masked(Opcode.continuation, 'last'));
    expect(await client.next()).toMatchObject({ kind: 'pong', data: Buffer.from('two') });
    await expectMessage(client, 'text', 'first last');
  });

  it('ignores a pong between fragments', async () => {
    const client = await connect();
    client.write(
      masked(Opcode.binary, 'ab', false),
      masked(Opcode.pong, 'between'),
      masked(Opcode.continuation, 'cd'),
    );
    await expectMessage(client, 'binary', 'abcd');
  });

  it('fails a continuation frame with no message to continue with 1002', async () => {
    const client = await connect();
    client.write(masked(Opcode.continuation, 'orphan'));
    await expectFailure(client, 1002);
  });

  it('fails a final continuation frame after a complete message with 1002', async () => {
    const client = await connect();
    client.write(masked(Opcode.text, 'whole'), masked(Opcode.continuation, 'orphan'));
    await expectMessage(client, 'text', 'whole');
    await expectFailure(client, 1002);
  });

  it('fails a new text message inside a fragmented one with 1002', async () => {
    const client = await connect();
    client.write(masked(Opcode.text, 'start', false), masked(Opcode.text, 'intruder'));
    await expectFailure(client, 1002);
  });

  it('fails a new binary message inside a fragmented one with 1002', async () => {
    const client = await connect();
    client.write(masked(Opcode.binary, 'start', false), masked(Opcode.binary, 'intruder', false));
    await expectFailure(client, 1002);
  });

  it('fails a fragmented close frame with 1002 (§5.5)', async () => {
    const client = await connect();
    client.write(
      rawFrame({ opcode: Opcode.close, payload: Buffer.from([0x03, 0xe8]), fin: false }),
    );
    await expectFailure(client, 1002);
  });
});
