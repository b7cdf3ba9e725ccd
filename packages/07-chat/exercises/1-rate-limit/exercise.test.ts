import { captureLogger, loadExercise, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { Hub } from '../../src/hub.ts';
import { startChatServer } from '../../src/server.ts';
import { joinChat, leave } from '../../test/chat-peer.ts';

const { TokenBucket, limitMessages, POLICY_VIOLATION } = await loadExercise<
  typeof import('./solution.ts')
>(import.meta.url);

const track = useCleanup();

/** A clock that moves only when the test says so. */
function manualClock(start = 1000) {
  let ms = start;
  return {
    now: () => ms,
    advance(by: number) {
      ms += by;
    },
  };
}

/** How many of `count` takes succeed, one after the other. */
function takes(bucket: { take(): boolean }, count: number): number {
  let taken = 0;
  for (let i = 0; i < count; i++) if (bucket.take()) taken += 1;
  return taken;
}

describe('TokenBucket', () => {
  it('starts full: a burst of `capacity` messages, then no more', () => {
    const clock = manualClock();
    const bucket = new TokenBucket({ capacity: 5, refillPerSecond: 5, now: clock.now });
    expect(takes(bucket, 5), 'hint: the bucket starts with capacity tokens').toBe(5);
    expect(bucket.take(), 'hint: no token left, and no time has passed').toBe(false);
  });

  it('gains refillPerSecond tokens per second', () => {
    const clock = manualClock();
    const bucket = new TokenBucket({ capacity: 5, refillPerSecond: 5, now: clock.now });
    takes(bucket, 5);
    clock.advance(200);
    expect(bucket.take(), 'hint: 200 ms at 5 per second is one token').toBe(true);
    expect(bucket.take(), 'hint: one token, and it was just taken').toBe(false);
    clock.advance(1000);
    expect(takes(bucket, 10), 'hint: one second at 5 per second is 5 tokens').toBe(5);
  });

  it('keeps fractions of a token: 100 ms and then 100 ms make one', () => {
    const clock = manualClock();
    const bucket = new TokenBucket({ capacity: 5, refillPerSecond: 5, now: clock.now });
    takes(bucket, 5);
    clock.advance(100);
    expect(bucket.take(), 'hint: half a token is not a token').toBe(false);
    clock.advance(100);
    expect(bucket.take(), 'hint: do not throw away the half token you had').toBe(true);
  });

  it('never holds more than capacity, however long it waits', () => {
    const clock = manualClock();
    const bucket = new TokenBucket({ capacity: 3, refillPerSecond: 10, now: clock.now });
    clock.advance(60_000);
    expect(bucket.tokens, 'hint: Math.min(capacity, …)').toBe(3);
    expect(takes(bucket, 10), 'hint: a full bucket holds capacity tokens, no more').toBe(3);
  });

  it('lets through the burst plus the steady rate over a long run', () => {
    const clock = manualClock();
    const bucket = new TokenBucket({ capacity: 5, refillPerSecond: 5, now: clock.now });
    // A client sending every 50 ms (20 a second) for 10 s.
    let sent = 0;
    for (let ms = 0; ms < 10_000; ms += 50) {
      if (bucket.take()) sent += 1;
      clock.advance(50);
    }
    expect(sent, 'hint: 5 at once, then 5 a second for 10 s').toBe(5 + 50 - 1);
  });

  it('reads its clock from the `now` option', () => {
    const clock = manualClock(0);
    const bucket = new TokenBucket({ capacity: 1, refillPerSecond: 1, now: clock.now });
    expect(bucket.take(), 'hint: the bucket starts full').toBe(true);
    expect(bucket.tokens, 'hint: this.options.now(), not Date.now()').toBe(0);
    clock.advance(1000);
    expect(bucket.tokens, 'hint: one second of `now` at 1 per second is one token').toBe(1);
  });
});

describe('limitMessages in a real hub', () => {
  it('relays the first `capacity` messages, then closes the sender with 1008', async () => {
    const { log, waitForLine } = captureLogger('chat');
    const hub = new Hub({ announceLimit: 100, broadcastEncoding: 'once', log });
    // A frozen clock: the bucket never refills during the test.
    const server = await startChatServer(
      { host: '127.0.0.1', port: 0, log },
      {
        hub,
        beforeMember: (socket, name) =>
          limitMessages(
            socket,
            name,
            new TokenBucket({ capacity: 3, refillPerSecond: 1, now: () => 0 }),
            log,
          ),
      },
    );
    track(() => server.close());
    const ann = await joinChat(server.url, 'ann');
    const bob = await joinChat(server.url, 'bob');
    track(() => leave(bob));

    for (let i = 1; i <= 5; i++) ann.socket.send(`ann ${i}`);
    const first = await Promise.race([
      ann.closed.then(() => 'ann was closed'),
      bob
        .waitFor((event) => event.type === 'message' && event.text === 'ann 4')
        .then(() => 'bob got ann 4'),
    ]);
    expect(first, 'hint: the 4th message finds the bucket empty').toBe('ann was closed');
    expect(await ann.closed, 'hint: close with POLICY_VIOLATION and a reason').toEqual({
      code: POLICY_VIOLATION,
      reason: 'too many messages',
    });
    expect(
      await waitForLine(/too fast/),
      'hint: log "<name> sends too fast: closing with 1008"',
    ).toMatch(/ann sends too fast: closing with 1008/);
    // bob's own message comes after anything of ann's the hub relayed.
    bob.socket.send('bob here');
    await bob.waitFor((event) => event.type === 'message' && event.text === 'bob here');
    expect(bob.texts, 'hint: messages over the limit are not relayed').toEqual([
      'ann 1',
      'ann 2',
      'ann 3',
      'bob here',
    ]);
  });
});
