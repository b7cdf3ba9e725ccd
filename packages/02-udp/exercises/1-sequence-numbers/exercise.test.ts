import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { loadExercise, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';

const { SequenceTracker, sequenceOf } = await loadExercise<typeof import('./solution.ts')>(
  import.meta.url,
);

const track = useCleanup();

/** Record each number for one peer; the kind of each arrival, in order. */
function kinds(numbers: number[], peer = '127.0.0.1:5000') {
  const tracker = new SequenceTracker();
  return numbers.map((n) => tracker.record(peer, n).kind);
}

describe('sequenceOf', () => {
  it('reads the number at the end of a message', () => {
    expect(sequenceOf('hello, server! #12'), 'hint: /#(\\d+)$/').toBe(12);
    expect(sequenceOf('#1'), 'hint: the number may be all there is').toBe(1);
    expect(sequenceOf('issue #4 is fixed #7'), 'hint: only the number at the very end').toBe(7);
    expect(sequenceOf('hello, server!'), 'hint: no number → undefined').toBeUndefined();
    expect(sequenceOf('#12 late'), 'hint: the number must end the message').toBeUndefined();
  });
});

describe('SequenceTracker', () => {
  it('sees numbers 1, 2, 3 … as next', () => {
    expect(kinds([1, 2, 3, 4]), 'hint: one more than the highest so far is next').toEqual([
      'next',
      'next',
      'next',
      'next',
    ]);
  });

  it('reports a gap with the numbers that are missing', () => {
    const tracker = new SequenceTracker();
    tracker.record('a', 1);
    expect(
      tracker.record('a', 4),
      'hint: after #1, #4 skips #2 and #3: { kind: "gap", missing: [2, 3] }',
    ).toEqual({ kind: 'gap', missing: [2, 3] });
    expect(tracker.missing('a'), 'hint: remember what is missing').toEqual([2, 3]);
    expect(tracker.record('a', 5), 'hint: after the gap, #5 is the next one').toEqual({
      kind: 'next',
    });
  });

  it('counts a number that arrives twice as a duplicate', () => {
    expect(kinds([1, 2, 2, 1]), 'hint: a number at or below the highest, not missing').toEqual([
      'next',
      'next',
      'duplicate',
      'duplicate',
    ]);
  });

  it('tells a late datagram from a duplicate, and stops counting it as missing', () => {
    const tracker = new SequenceTracker();
    tracker.record('a', 1);
    tracker.record('a', 4);
    expect(tracker.record('a', 3), 'hint: #3 was missing, so it is late').toEqual({
      kind: 'late',
    });
    expect(tracker.missing('a'), 'hint: #3 is no longer missing').toEqual([2]);
    expect(tracker.record('a', 3), 'hint: and a second #3 is a duplicate').toEqual({
      kind: 'duplicate',
    });
  });

  it('counts a first datagram above 1 as a gap: numbers start at 1', () => {
    expect(kinds([3]), 'hint: before anything arrives, the highest is 0').toEqual(['gap']);
  });

  it('keeps each peer apart', () => {
    const tracker = new SequenceTracker();
    tracker.record('127.0.0.1:5000', 1);
    tracker.record('127.0.0.1:5000', 2);
    expect(
      tracker.record('127.0.0.1:6000', 1),
      'hint: another port is another client: its #1 is new (a Map keyed by peer)',
    ).toEqual({ kind: 'next' });
    expect(tracker.missing('10.0.0.9:7'), 'hint: a peer never seen misses nothing').toEqual([]);
  });

  it('watches real datagrams, per rinfo, on a UDP socket', async () => {
    const server = createSocket('udp4');
    track(() => new Promise<void>((resolve) => server.close(() => resolve())));
    server.bind(0, '127.0.0.1');
    await once(server, 'listening');
    const tracker = new SequenceTracker();
    const seen: string[] = [];
    server.on('message', (data, rinfo) => {
      const sequence = sequenceOf(data.toString());
      if (sequence === undefined) return;
      seen.push(
        `${rinfo.port === aPort ? 'a' : 'b'}#${sequence} ${tracker.record(`${rinfo.address}:${rinfo.port}`, sequence).kind}`,
      );
    });

    const clients: Socket[] = [createSocket('udp4'), createSocket('udp4')];
    for (const client of clients) {
      track(() => new Promise<void>((resolve) => client.close(() => resolve())));
      client.bind(0, '127.0.0.1');
      await once(client, 'listening');
    }
    const [a, b] = clients as [Socket, Socket];
    const aPort = a.address().port;
    const { port } = server.address();
    // One datagram at a time, each sent once the server got the one before: loopback
    // keeps them in order, so the only surprises are the ones we send on purpose.
    for (const [client, text] of [
      [a, 'hello, server! #1'],
      [a, 'hello, server! #2'],
      [b, 'hello, server! #1'],
      [a, 'hello, server! #2'],
      [a, 'hello, server! #4'],
      [a, 'hello, server! #3'],
    ] as const) {
      client.send(text, port, '127.0.0.1');
      await once(server, 'message');
    }
    expect(seen, 'hint: sequenceOf reads each datagram, record() judges it per client').toEqual([
      'a#1 next',
      'a#2 next',
      'b#1 next',
      'a#2 duplicate',
      'a#4 gap',
      'a#3 late',
    ]);
  });
});
