import { encodeFrame, Opcode, Receiver, type Role } from '@sockets/frames';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DeflateAgreement, PerMessageDeflate } from '../src/index.ts';

// Any messages, any parameter set, any fragmentation of the compressed
// payload and any TCP chunking: what one side sends, the other reads back.

const agreements = fc.record<DeflateAgreement>({
  serverNoContextTakeover: fc.boolean(),
  clientNoContextTakeover: fc.boolean(),
  serverMaxWindowBits: fc.integer({ min: 9, max: 15 }),
  clientMaxWindowBits: fc.integer({ min: 9, max: 15 }),
});

const messages = fc.array(
  fc.oneof(
    fc
      .string({ unit: 'binary', maxLength: 300 })
      .map((text) => ({ type: 'text' as const, data: Buffer.from(text) })),
    // Repetitive bytes, so that back-references (and the window) are used.
    fc
      .array(fc.constantFrom(0, 1, 2, 255), { maxLength: 3000 })
      .map((bytes) => ({ type: 'binary' as const, data: Buffer.from(bytes) })),
    fc
      .uint8Array({ maxLength: 500 })
      .map((bytes) => ({ type: 'binary' as const, data: Buffer.from(bytes) })),
  ),
  { maxLength: 8 },
);

/** Frames for one message: its (maybe compressed) payload cut into `pieces` fragments. */
function frames(
  extension: PerMessageDeflate,
  type: 'text' | 'binary',
  data: Buffer,
  pieces: number,
  mask: boolean,
): Buffer[] {
  const { payload, rsv1 } = extension.encode(data);
  const size = Math.ceil(payload.length / pieces) || 1;
  const parts: Buffer[] = [];
  for (let start = 0; start < payload.length || parts.length === 0; start += size) {
    parts.push(payload.subarray(start, start + size));
  }
  return parts.flatMap((part, i) =>
    encodeFrame(
      i === 0 ? (type === 'text' ? Opcode.text : Opcode.binary) : Opcode.continuation,
      part,
      {
        fin: i === parts.length - 1,
        rsv1: rsv1 && i === 0,
        mask,
      },
    ),
  );
}

/** Cuts bytes into chunks at the given fractions of their length. */
function chunked(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => Math.floor(cut * bytes.length)))].sort(
    (a, b) => a - b,
  );
  return [0, ...points].map((start, i) => bytes.subarray(start, points[i] ?? bytes.length));
}

describe.each<[Role, Role]>([
  ['server', 'client'],
  ['client', 'server'],
])('%s → %s', (sender, reader) => {
  it('every message round-trips, whatever the parameters, fragments and chunks (fast-check)', () => {
    fc.assert(
      fc.property(
        agreements,
        messages,
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
        (agreement, sent, thresholdBytes, pieces, cuts) => {
          const out = new PerMessageDeflate(agreement, sender, thresholdBytes);
          const wire = Buffer.concat(
            sent.flatMap(({ type, data }) => frames(out, type, data, pieces, sender === 'client')),
          );
          const receiver = new Receiver({
            role: reader,
            extension: new PerMessageDeflate(agreement, reader, thresholdBytes),
          });
          const events = chunked(wire, cuts).flatMap((chunk) => receiver.push(chunk));
          expect(events).toEqual(sent.map(({ type, data }) => ({ kind: 'message', type, data })));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('memory kept between messages', () => {
  it('is one window of history per direction with context takeover, nothing without', () => {
    const big = Buffer.alloc(100_000, 'a');
    const keeps = (agreement: Partial<DeflateAgreement>) => {
      const both = {
        serverNoContextTakeover: false,
        clientNoContextTakeover: false,
        serverMaxWindowBits: 15,
        clientMaxWindowBits: 15,
        ...agreement,
      };
      const server = new PerMessageDeflate(both, 'server', 0);
      const client = new PerMessageDeflate(both, 'client', 0);
      const { payload } = client.encode(big);
      expect(server.decode(payload, Number.POSITIVE_INFINITY)).toEqual(big);
      server.encode(big);
      return server.retainedBytes;
    };
    expect(keeps({})).toBe(2 * 32 * 1024);
    expect(keeps({ serverMaxWindowBits: 10, clientMaxWindowBits: 12 })).toBe(1024 + 4096);
    expect(keeps({ serverNoContextTakeover: true, clientNoContextTakeover: true })).toBe(0);
  });
});
