import { Opcode } from '@sockets/frames';
import { it } from 'vitest';
import { expectFailure, expectMessage, forEachServer, masked } from './servers.ts';

// Autobahn|Testsuite 6.*: a text message MUST be valid UTF-8 (§5.6, §8.1),
// checked across fragment boundaries; invalid text fails with 1007.

const valid = ['κόσμε', 'hello, 世界', '😀 emoji (4 bytes)', '\u0000 nul is valid', '\u{10ffff}'];

const invalid: [string, number[]][] = [
  ['a lone continuation byte', [0x80]],
  ['0xff, never in UTF-8', [0x61, 0xff]],
  ['an overlong "/" (c0 af)', [0xc0, 0xaf]],
  ['a UTF-16 surrogate (ed a0 80)', [0xed, 0xa0, 0x80]],
  ['a code point above U+10FFFF (f4 90 80 80)', [0xf4, 0x90, 0x80, 0x80]],
  ['a character cut short at the end', [0x61, 0xe2, 0x82]],
  [
    "Autobahn 6.3.1's κόσμε with a surrogate",
    [
      0xce, 0xba, 0xe1, 0xbd, 0xb9, 0xcf, 0x83, 0xce, 0xbc, 0xce, 0xb5, 0xed, 0xa0, 0x80, 0x65,
      0x64, 0x69, 0x74, 0x65, 0x64,
    ],
  ],
];

forEachServer((connect) => {
  it.each(valid)('echoes valid text %j', async (text) => {
    const client = await connect();
    client.write(masked(Opcode.text, text));
    await expectMessage(client, 'text', text);
  });

  it.each(invalid)('fails text with %s with 1007', async (_name, bytes) => {
    const client = await connect();
    client.write(masked(Opcode.text, Buffer.from(bytes)));
    await expectFailure(client, 1007);
  });

  it('echoes "€" (e2 82 ac) split across two fragments inside the character', async () => {
    const client = await connect();
    client.write(
      masked(Opcode.text, Buffer.from([0xe2]), false),
      masked(Opcode.continuation, Buffer.from([0x82, 0xac])),
    );
    await expectMessage(client, 'text', '€');
  });

  it('echoes a 4-byte character split over four one-byte fragments', async () => {
    const client = await connect();
    const bytes = Buffer.from('😀');
    client.write(
      ...[...bytes].map((byte, i) =>
        masked(i === 0 ? Opcode.text : Opcode.continuation, Buffer.from([byte]), i === 3),
      ),
    );
    await expectMessage(client, 'text', '😀');
  });

  it('fails with 1007 when a later fragment makes the text invalid', async () => {
    const client = await connect();
    client.write(
      masked(Opcode.text, 'valid so far ', false),
      masked(Opcode.continuation, Buffer.from([0xed, 0xa0, 0x80])),
    );
    await expectFailure(client, 1007);
  });

  it('does not check binary messages: any bytes are echoed', async () => {
    const client = await connect();
    client.write(masked(Opcode.binary, Buffer.from([0xff, 0xfe, 0xc0, 0xaf])));
    await expectMessage(client, 'binary', Buffer.from([0xff, 0xfe, 0xc0, 0xaf]));
  });
});
