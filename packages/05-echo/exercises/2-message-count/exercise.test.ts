import { once } from 'node:events';
import { captureLogger, loadExercise, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Connection } from '../../src/connection.ts';
import { startEchoServer } from '../../src/server.ts';

const { countingSession } = await loadExercise<typeof import('./solution.ts')>(import.meta.url);

const track = useCleanup();

const quiet = captureLogger('echo').log;
/** Enough of a Connection for a session that only echoes. */
const fakeConnection = { send() {} } as unknown as Connection;
const normal = { code: 1000, reason: 'bye', sent: { code: 1000, reason: 'bye' } };

describe('countingSession, on its own', () => {
  it('says how many messages came, in the closed line', () => {
    const session = countingSession('127.0.0.1:56724', quiet);
    for (let i = 0; i < 3; i++) session.onMessage(fakeConnection, 'text', Buffer.from('hi'));
    expect(session.closedLine?.(normal), 'hint: add 1 in onMessage').toBe(
      '127.0.0.1:56724 closed after 3 messages: 1000 (normal closure) "bye"',
    );
  });

  it('says "1 message", and "0 messages"', () => {
    const one = countingSession('a', quiet);
    one.onMessage(fakeConnection, 'binary', Buffer.from([1]));
    expect(one.closedLine?.(normal), 'hint: one message, singular').toBe(
      'a closed after 1 message: 1000 (normal closure) "bye"',
    );
    expect(countingSession('b', quiet).closedLine?.(normal), 'hint: none is plural').toBe(
      'b closed after 0 messages: 1000 (normal closure) "bye"',
    );
  });

  it('keeps one count per session', () => {
    const first = countingSession('first', quiet);
    const second = countingSession('second', quiet);
    first.onMessage(fakeConnection, 'text', Buffer.from('x'));
    first.onMessage(fakeConnection, 'text', Buffer.from('y'));
    second.onMessage(fakeConnection, 'text', Buffer.from('z'));
    expect(
      first.closedLine?.(normal),
      'hint: a counter outside countingSession is shared by every connection',
    ).toMatch(/after 2 messages/);
    expect(second.closedLine?.(normal), 'hint: each session counts its own').toMatch(
      /after 1 message:/,
    );
  });
});

describe('countingSession on a real server', () => {
  it('logs each connection with its own count, and still echoes', async () => {
    const logged = captureLogger('echo');
    const server = await startEchoServer(
      { host: '127.0.0.1', port: 0, log: logged.log },
      countingSession,
    );
    track(() => server.close());
    const open = async () => {
      const client = new WebSocket(server.url);
      track(() => client.terminate());
      await once(client, 'open');
      return client;
    };
    const [ann, bob, cat] = [await open(), await open(), await open()];
    // Interleaved, so that one shared counter could not pass.
    for (const [client, text] of [
      [ann, 'a1'],
      [bob, 'b1'],
      [ann, 'a2'],
      [ann, 'a3'],
    ] as const) {
      const echoed = once(client, 'message');
      client.send(text);
      expect(String((await echoed)[0]), 'hint: call echo() as before').toBe(text);
    }
    ann.close(1000, 'bye');
    bob.close(1001);
    cat.close(4000, 'silent');
    for (const code of [1000, 1001, 4000])
      await logged.waitForLine(new RegExp(` closed.*: ${code} `));
    const closed = logged.lines.filter((line) => / closed.*: \d{4} /.test(line));
    expect(
      closed.map((line) => line.replace(/^.* closed( after)? /, '')).sort(),
      'hint: closedLine says "<name> closed after <n> messages: <codes>"',
    ).toEqual([
      '0 messages: 4000 (private use) "silent"',
      '1 message: 1001 (going away)',
      '3 messages: 1000 (normal closure) "bye"',
    ]);
  });
});
