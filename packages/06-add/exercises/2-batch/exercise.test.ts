import { once } from 'node:events';
import { loadExercise, useCleanup } from '@sockets/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { answer } from '../../src/calculator.ts';

const { answerMessage, maxBatch } = await loadExercise<typeof import('./solution.ts')>(
  import.meta.url,
);

const track = useCleanup();
const reply = (request: unknown) => JSON.parse(answerMessage(JSON.stringify(request)));

describe('a batch', () => {
  it('gets an array of replies, in order', () => {
    expect(
      reply([
        { a: 1, b: 2 },
        { a: 3, b: 4, id: 'second' },
        { A: 5, B: 6 },
      ]),
      'hint: answer each request of the array, and reply with an array',
    ).toEqual([{ sum: 3 }, { sum: 7, id: 'second' }, { Sum: 11 }]);
  });

  it('isolates each error: a bad request spoils only its own reply', () => {
    expect(
      reply([{ a: 1, b: 2 }, 'oops', { a: '7', b: 1 }, [1, 2], { a: 1, b: 2, id: 9 }]),
      'hint: answer(JSON.stringify(request)) for each one',
    ).toEqual([
      { sum: 3 },
      { error: 'request must be a JSON object like {"a": 7, "b": 4}, got a string' },
      { error: 'a must be a number, got a string' },
      { error: 'request must be a JSON object like {"a": 7, "b": 4}, got an array' },
      { sum: 3, id: 9 },
    ]);
  });

  it('of one request gets an array of one reply', () => {
    expect(reply([{ a: 7, b: 4 }]), 'hint: a batch is an array, whatever its size').toEqual([
      { sum: 11 },
    ]);
  });

  it(`holds at most ${maxBatch} requests, and at least 1`, () => {
    const full = Array.from({ length: maxBatch }, (_, id) => ({ a: id, b: 1, id }));
    expect(reply(full), `hint: ${maxBatch} requests are allowed`).toHaveLength(maxBatch);
    expect(reply([...full, { a: 1, b: 1 }]), 'hint: check value.length > maxBatch').toEqual({
      error: `a batch holds at most ${maxBatch} requests, got ${maxBatch + 1}`,
    });
    expect(reply([]), 'hint: an empty array gets one error').toEqual({
      error: 'a batch must hold at least 1 request',
    });
  });

  it('answers like answer() would, request by request (fast-check)', () => {
    const request = fc.record(
      { a: fc.integer(), b: fc.integer(), id: fc.nat() },
      { requiredKeys: ['a'] },
    );
    fc.assert(
      fc.property(fc.array(request, { minLength: 1, maxLength: 10 }), (batch) => {
        expect(
          reply(batch),
          'hint: each request gets the answer it would get alone, in the same order',
        ).toEqual(batch.map((one) => answer(JSON.stringify(one))));
      }),
      { numRuns: 100 },
    );
  });
});

describe('anything else is one request', () => {
  it.each(['{"a": 7, "b": 4}', '{"A": 7, "B": 4, "id": 1}', 'not json', '[1, 2', '"a string"'])(
    '%s is answered as the lesson does',
    (text) => {
      expect(JSON.parse(answerMessage(text)), 'hint: not an array: answer(text)').toEqual(
        answer(text),
      );
    },
  );
});

it('a batch travels as one message each way over a real WebSocket', async () => {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  track(() => new Promise((resolve) => wss.close(resolve)));
  await once(wss, 'listening');
  wss.on('connection', (socket) => {
    socket.on('message', (data) => socket.send(answerMessage(String(data))));
  });
  const { port } = wss.address() as { port: number };
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  track(() => client.terminate());
  await once(client, 'open');
  const message = once(client, 'message');
  client.send('[{"a": 1, "b": 1}, {"a": 2, "b": 2}]');
  expect(
    JSON.parse(String((await message)[0])),
    'hint: one message back, an array with an answer for each request',
  ).toEqual([{ sum: 2 }, { sum: 4 }]);
});
