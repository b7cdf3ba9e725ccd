import { annotateFrames } from './annotate.ts';
import { encodeFrame } from './encode.ts';
import { Opcode } from './opcodes.ts';
import type { DemoOptions } from './options.ts';

// Seed 001's exchange on the wire: the client writes `hello, server!` as a
// text message and the server echoes it. gorilla hides the frames; here they are.

// #region demo
export function demo({ text }: DemoOptions): string[] {
  const payload = Buffer.from(text, 'utf8');
  // RFC 6455 §5.1: a client masks every frame, with a fresh key each time...
  const fromClient = Buffer.concat(encodeFrame(Opcode.text, payload, { mask: true }));
  // ...and a server never masks.
  const fromServer = Buffer.concat(encodeFrame(Opcode.text, payload));
  return [
    `client → server: ${JSON.stringify(text)} as a masked text frame (the key is random each run)`,
    ...annotateFrames(fromClient, 'server'),
    '',
    `server → client: the echo, unmasked`,
    ...annotateFrames(fromServer, 'client'),
  ];
}
// #endregion demo
