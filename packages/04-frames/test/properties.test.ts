import { splitAt } from '@sockets/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame, Opcode, type ReceivedEvent, Receiver, type Role } from '../src/index.ts';
import { receive } from './receive.ts';

// Payload sizes from every length form, weighted towards the small ones.
const payloadLength = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 125 }) },
  { weight: 3, arbitrary: fc.integer({ min: 126, max: 65535 }) },
  { weight: 1, arbitrary: fc.integer({ min: 65536, max: 70000 }) },
);

const message = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }).map((text) => ({
    type: 'text' as const,
    data: Buffer.from(text),
  })),
  // Generating 70,000 random numbers per payload is slow; a seeded pattern is as good here.
  fc.tuple(payloadLength, fc.integer({ min: 1, max: 255 })).map(([length, seed]) => ({
    type: 'binary' as const,
    data: Buffer.from(Array.from({ length }, (_, i) => (i * seed + (i >> 8)) & 0xff)),
  })),
);

/** Events with their payloads as base64: deep-comparing big Buffers byte by byte is slow. */
function comparable(events: ReceivedEvent[]) {
  return events.map((event) =>
    'data' in event ? { ...event, data: event.data.toString('base64') } : event,
  );
}

/** A message sent in 1-4 fragments, maybe with a ping in between, as a sender may. */
const sent = fc.record({
  message,
  cuts: fc.uniqueArray(fc.nat(), { maxLength: 3 }),
  pingAfter: fc.option(fc.nat()),
});

type Sent = typeof sent extends fc.Arbitrary<infer T> ? T : never;

/** The frames a sender writes for one message, and the events a receiver should report. */
function send({ message, cuts, pingAfter }: Sent, role: Role) {
  const mask = role === 'server';
  const fragments = splitAt(
    message.data,
    cuts.map((cut) => cut % (message.data.length + 1)),
  );
  const frames: Buffer[] = [];
  const events: ReceivedEvent[] = [];
  fragments.forEach((fragment, i) => {
    const opcode = i === 0 ? Opcode[message.type] : Opcode.continuation;
    const fin = i === fragments.length - 1;
    frames.push(...encodeFrame(opcode, fragment, { fin, mask }));
    // §5.4: a control frame may come between the fragments of a message.
    if (!fin && pingAfter !== null && pingAfter % fragments.length === i) {
      frames.push(...encodeFrame(Opcode.ping, Buffer.from('ping'), { mask }));
      events.push({ kind: 'ping', data: Buffer.from('ping') });
    }
  });
  events.push({ kind: 'message', ...message });
  return { frames, events };
}

describe('properties', () => {
  it.each(['server', 'client'] as const)(
    'what we encode, a %s decodes to the same messages, over any chunking',
    (role) => {
      fc.assert(
        fc.property(
          fc.array(sent, { minLength: 1, maxLength: 4 }),
          fc.uniqueArray(fc.nat(), { maxLength: 8 }),
          (messages, chunkCuts) => {
            const sends = messages.map((item) => send(item, role));
            const stream = Buffer.concat(sends.flatMap(({ frames }) => frames));
            const expected = sends.flatMap(({ events }) => events);
            // `push` unmasks in place, so each run gets its own copy of the stream.
            expect(comparable(receive(Buffer.from(stream), { role }))).toEqual(
              comparable(expected),
            );
            const chunks = splitAt(
              Buffer.from(stream),
              chunkCuts.map((cut) => cut % (stream.length + 1)),
            );
            expect(comparable(receive(chunks, { role }))).toEqual(comparable(expected));
          },
        ),
        { numRuns: 100 },
      );
    },
  );

  it('random bytes never throw and never hang: they end in an error or wait for more', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      // Mostly valid streams with a few bytes flipped reach deeper states.
      fc
        .tuple(
          fc.array(sent, { minLength: 1, maxLength: 3 }),
          fc.array(fc.tuple(fc.nat(), fc.nat(255))),
        )
        .map(([messages, flips]) => {
          const stream = Buffer.concat(messages.flatMap((item) => send(item, 'server').frames));
          for (const [at, value] of flips) stream[at % stream.length] = value;
          return new Uint8Array(stream);
        }),
    );
    fc.assert(
      fc.property(bytes, fc.uniqueArray(fc.nat(), { maxLength: 5 }), (input, cuts) => {
        const receiver = new Receiver({ role: 'server', maxMessageBytes: 100_000 });
        const stream = Buffer.from(input);
        const events = splitAt(
          stream,
          cuts.map((cut) => cut % (stream.length + 1)),
        ).flatMap((chunk) => receiver.push(chunk));
        const ending = events.findIndex(
          (event) => event.kind === 'error' || event.kind === 'close',
        );
        if (ending !== -1) {
          expect(ending).toBe(events.length - 1);
          expect(receiver.push(Buffer.from([0x81, 0x80, 1, 2, 3, 4]))).toEqual([]);
        }
        const last = events.at(-1);
        if (last?.kind === 'error') expect([1002, 1007, 1008, 1009]).toContain(last.closeCode);
      }),
      { numRuns: 1000 },
    );
  });
});
