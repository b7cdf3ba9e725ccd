import { join } from 'node:path';
import { rawFrame, startScript, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { annotateFrames, bytesFromInput, encodeFrame, Opcode, parseHex } from '../src/index.ts';

const packageDir = join(import.meta.dirname, '..');
const track = useCleanup();

describe('the annotator', () => {
  it("explains RFC 6455 §5.7's masked `Hello` field by field", () => {
    expect(annotateFrames(parseHex('81 85 37 fa 21 3d 7f 9f 4d 51 58'), 'server')).toEqual([
      'frame 1: masked text frame, 11 bytes (6 header + 5 payload)',
      '  81  1000 0001             FIN=1 (final) RSV=000 opcode=0x1 (text)',
      '  85  1000 0101             MASK=1 length=5 (7-bit form: 0-125)',
      '  37 fa 21 3d               masking key',
      '  7f 9f 4d 51 58            payload, masked (5 bytes)',
      '  48 65 6c 6c 6f            payload, unmasked: byte i XOR key[i % 4]',
      '                            text: "Hello"',
    ]);
  });

  it('shows the extended length, close bodies, and several frames in a row', () => {
    const bytes = Buffer.concat([
      ...encodeFrame(Opcode.binary, Buffer.alloc(300, 1), { fin: false }),
      ...encodeFrame(Opcode.close, Buffer.from([0x03, 0xe9])),
    ]);
    const lines = annotateFrames(bytes);
    expect(lines).toContain(
      '  7e  0111 1110             MASK=0 length=126: a 16-bit length follows',
    );
    expect(lines).toContain('  01 2c                     payload length 300 (16-bit form)');
    expect(lines).toContain('  …                         268 more bytes');
    expect(lines).toContain('frame 2: unmasked close frame, 4 bytes (2 header + 2 payload)');
    expect(lines).toContain('                            close code 1001 (going away), reason ""');
    expect(lines.some((line) => line.includes('FIN=0 (more fragments follow)'))).toBe(true);
  });

  it('says what a receiver would refuse, and where the bytes run out', () => {
    const unmasked = rawFrame({ opcode: Opcode.text, payload: 'hi', mask: false });
    expect(annotateFrames(unmasked, 'server')).toContain(
      '  ✗ a server fails the connection: close 1002 (protocol error), unmasked client frame',
    );
    expect(annotateFrames(unmasked.subarray(0, 3)).at(-1)).toBe(
      '  incomplete payload: 1 of 2 bytes',
    );
    expect(annotateFrames(parseHex('81'))).toEqual(['frame 1: incomplete header, 1 of 2 bytes']);
    expect(annotateFrames(parseHex('81 7e 00 05'))).toEqual([
      'frame 1: 16-bit length used for fewer than 126 bytes → close 1002 (protocol error)',
    ]);
  });

  it('reads hex however it is spaced, and refuses what is not hex', () => {
    expect(parseHex('0x81 0x05, 48:65\n6c6c6f')).toEqual(Buffer.from('810548656c6c6f', 'hex'));
    expect(() => parseHex('81 8')).toThrow(/not hex bytes/);
  });
});

describe('what annotate reads from stdin', () => {
  it('is hex text, as typed or as `xxd -p` prints it', () => {
    expect(bytesFromInput(Buffer.from('81 05 48 65\r\n6c 6c 6f\n'))).toEqual({
      bytes: Buffer.from('810548656c6c6f', 'hex'),
      raw: false,
    });
  });

  it('is otherwise the frames themselves, as a file or `nc` holds them', () => {
    const frame = Buffer.concat(encodeFrame(Opcode.text, Buffer.from('hi'), { mask: true }));
    expect(bytesFromInput(frame)).toEqual({ bytes: frame, raw: true });
  });

  it('never takes a frame for hex text, whatever its opcode and FIN bit', () => {
    for (const opcode of Object.values(Opcode)) {
      for (const fin of [true, false]) {
        if (!fin && opcode >= Opcode.close) continue; // §5.5: control frames are never fragmented
        const frame = Buffer.concat(encodeFrame(opcode, Buffer.from('0a 1b'), { fin }));
        expect(bytesFromInput(frame).raw, `opcode ${opcode}, fin ${fin}`).toBe(true);
      }
    }
  });
});

describe('the scripts', () => {
  it("demo: seed 001's `hello, server!` as a masked client frame and an unmasked echo", async () => {
    const script = startScript(packageDir, 'bin/demo.ts');
    track(() => script.stop());
    expect(await script.exited).toBe(0);
    const output = script.output.join('\n');
    expect(output).toContain('frame 1: masked text frame, 20 bytes (6 header + 14 payload)');
    expect(output).toMatch(/^ {2}([0-9a-f]{2} ){4} +masking key$/m);
    expect(output).toContain('frame 1: unmasked text frame, 16 bytes (2 header + 14 payload)');
    expect(output.match(/text: "hello, server!"/g)).toHaveLength(2);
  });

  it('annotate: reads raw frames from stdin too, and says so', async () => {
    const script = startScript(packageDir, 'bin/annotate.ts', { ROLE: 'server' });
    track(() => script.stop());
    script.child.stdin!.end(parseHex('81 85 37 fa 21 3d 7f 9f 4d 51 58'));
    expect(await script.exited).toBe(0);
    expect(script.output).toContain(
      '[frames] the input is not hex text: reading it as the bytes themselves',
    );
    expect(script.output).toContain('                            text: "Hello"');
  });

  it('annotate: reads hex from stdin, and explains bad input in one line (exit 1)', async () => {
    const script = startScript(packageDir, 'bin/annotate.ts', { ROLE: 'client' });
    track(() => script.stop());
    script.child.stdin!.end('81 85 37 fa 21 3d 7f 9f 4d 51 58\n');
    expect(await script.exited).toBe(0);
    expect(script.output).toContain('                            text: "Hello"');
    expect(script.output).toContain(
      '  ✗ a client fails the connection: close 1002 (protocol error), masked server frame',
    );

    const bad = startScript(packageDir, 'bin/annotate.ts', {}, { args: ['hello'] });
    track(() => bad.stop());
    expect(await bad.exited).toBe(1);
    expect(bad.output).toEqual([
      '[frames] error: not hex bytes: "hello" (write them as "81 8e 37 fa …")',
    ]);
  });
});
