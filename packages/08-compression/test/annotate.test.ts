import { fileURLToPath } from 'node:url';
import { annotateFrames } from '@sockets/frames';
import { startScript, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { type DeflateAgreement, PerMessageDeflate } from '../src/index.ts';

// Lesson 04's annotator, told about permessage-deflate: RSV1 is named and
// allowed, and a compressed frame's payload is shown inflated.

const track = useCleanup();
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const hex = (bytes: string) => Buffer.from(bytes.replace(/\s/g, ''), 'hex');
const agreement: DeflateAgreement = {
  serverNoContextTakeover: false,
  clientNoContextTakeover: false,
  serverMaxWindowBits: 15,
  clientMaxWindowBits: 15,
};

describe('annotateFrames with permessage-deflate', () => {
  it('reads RFC 7692 §7.2.3.2: two "Hello"s, the second a back-reference into the first', () => {
    const extension = new PerMessageDeflate(agreement, 'client', 0);
    const frames = hex('c1 07 f2 48 cd c9 c9 07 00 c1 05 f2 00 11 00 00');
    expect(annotateFrames(frames, 'client', extension)).toEqual([
      'frame 1: unmasked text frame, 9 bytes (2 header + 7 payload)',
      '  c1  1100 0001             FIN=1 (final) RSV=100 (compressed) opcode=0x1 (text)',
      '  07  0000 0111             MASK=0 length=7 (7-bit form: 0-125)',
      '  f2 48 cd c9 c9 07 00      payload (7 bytes)',
      '                            inflated: 5 bytes',
      '                            text: "Hello"',
      'frame 2: unmasked text frame, 7 bytes (2 header + 5 payload)',
      '  c1  1100 0001             FIN=1 (final) RSV=100 (compressed) opcode=0x1 (text)',
      '  05  0000 0101             MASK=0 length=5 (7-bit form: 0-125)',
      '  f2 00 11 00 00            payload (5 bytes)',
      '                            inflated: 5 bytes',
      '                            text: "Hello"',
    ]);
  });

  it('still fails RSV1 on a ping, and says why a payload cannot be inflated', () => {
    const extension = new PerMessageDeflate(agreement, 'client', 0);
    expect(annotateFrames(hex('c9 00'), 'client', extension)).toContain(
      '  ✗ a client fails the connection: close 1002 (protocol error), RSV1 on a ping frame',
    );
    expect(annotateFrames(hex('c2 02 ff ff'), 'client', extension).at(-1)).toMatch(
      /cannot inflate: invalid compressed data/,
    );
  });

  it('without the extension, RSV1 is a protocol error, as in lesson 04', () => {
    expect(annotateFrames(hex('c1 07 f2 48 cd c9 c9 07 00'), 'client')).toContain(
      '  ✗ a client fails the connection: close 1002 (protocol error), RSV bits set (100) without an extension',
    );
  });
});

describe('bin/annotate.ts', () => {
  it('annotates the hex bytes it is given, inflated, and exits 0', async () => {
    const script = startScript(
      packageDir,
      'bin/annotate.ts',
      {},
      {
        args: ['c1', '07', 'f2', '48', 'cd', 'c9', 'c9', '07', '00'],
      },
    );
    track(() => script.stop('SIGKILL'));
    expect(await script.exited).toBe(0);
    expect(script.output).toContain('                            text: "Hello"');
  });
});
