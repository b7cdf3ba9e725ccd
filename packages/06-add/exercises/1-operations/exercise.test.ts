import { loadExercise } from '@sockets/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const { calculate } = await loadExercise<typeof import('./solution.ts')>(import.meta.url);

const max = Number.MAX_SAFE_INTEGER;
/** The reply as the client reads it: through JSON, as the server sends it (-0 travels as 0). */
const wire = (text: string) => JSON.parse(JSON.stringify(calculate(text)));

describe('four operations', () => {
  it.each([
    ['{"op": "add", "a": 7, "b": 4}', { result: 11 }],
    ['{"op": "sub", "a": 7, "b": 4}', { result: 3 }],
    ['{"op": "sub", "a": 4, "b": 7}', { result: -3 }],
    ['{"op": "mul", "a": 7, "b": 4}', { result: 28 }],
    ['{"op": "mul", "a": -1.5, "b": 4}', { result: -6 }],
    ['{"op": "div", "a": 7, "b": 2}', { result: 3.5 }],
    ['{"op": "div", "a": 0, "b": 5}', { result: 0 }],
    ['{"op": "div", "a": 1, "b": 3}', { result: 1 / 3 }],
    ['{"op": "mul", "a": 7, "b": 4, "id": 9}', { result: 28, id: 9 }],
  ])('%s → %j', (request, reply) => {
    expect(wire(request), 'hint: an op gets a "result" field').toEqual(reply);
  });

  it.each([
    ['{"Op": "sub", "A": 7, "B": 4}', { Result: 3 }],
    ['{"Op": "div", "A": 7, "B": 2, "id": "x"}', { Result: 3.5, id: 'x' }],
  ])("answers seed 004's casing in kind: %s → %j", (request, reply) => {
    expect(wire(request), 'hint: request.casing is "seed": answer "Result"').toEqual(reply);
  });

  it.each([
    ['{"a": 7, "b": 4}', { sum: 11 }],
    ['{"A": 7, "B": 4}', { Sum: 11 }],
    ['{"a": 7, "b": 4, "id": 1}', { sum: 11, id: 1 }],
  ])('leaves a request without op to the lesson: %s → %j', (request, reply) => {
    expect(wire(request), 'hint: no op means the old answer(text), for old clients').toEqual(reply);
  });

  it('agrees with JavaScript on safe integers (fast-check)', () => {
    const small = fc.integer({ min: -(2 ** 26), max: 2 ** 26 });
    fc.assert(
      fc.property(small, small, (a, b) => {
        const ask = (op: string) => wire(JSON.stringify({ op, a, b }));
        expect(ask('add'), `hint: ${a} + ${b}`).toEqual({ result: a + b });
        expect(ask('sub'), `hint: ${a} - ${b}`).toEqual({ result: a - b });
        expect(ask('mul'), `hint: ${a} * ${b}`).toEqual({ result: a * b + 0 });
        if (b !== 0) expect(ask('div'), `hint: ${a} / ${b}`).toEqual({ result: a / b + 0 });
      }),
      { numRuns: 200 },
    );
  });
});

describe('requests that get an error reply', () => {
  const outside = `the result is outside the safe range ±${max}`;
  it.each([
    ['{"op": "div", "a": 7, "b": 0}', { error: 'division by zero' }],
    ['{"op": "div", "a": 0, "b": 0}', { error: 'division by zero' }],
    ['{"op": "div", "a": 7, "b": 0, "id": 4}', { error: 'division by zero', id: 4 }],
    ['{"op": "pow", "a": 2, "b": 8}', { error: 'op must be one of add, sub, mul, div' }],
    ['{"op": "ADD", "a": 2, "b": 8}', { error: 'op must be one of add, sub, mul, div' }],
    ['{"op": 1, "a": 2, "b": 8}', { error: 'op must be one of add, sub, mul, div' }],
    ['{"op": null, "a": 2, "b": 8}', { error: 'op must be one of add, sub, mul, div' }],
    ['{"op": "toString", "a": 2, "b": 8}', { error: 'op must be one of add, sub, mul, div' }],
    ['{"op": "add", "Op": "sub", "a": 2, "b": 8}', { error: 'use op or Op, not both' }],
    [`{"op": "mul", "a": ${2 ** 27}, "b": ${2 ** 27}}`, { error: outside }],
    [`{"op": "sub", "a": -${max}, "b": 1}`, { error: outside }],
    [`{"op": "add", "a": ${max}, "b": 1, "id": "big"}`, { error: outside, id: 'big' }],
    ['{"op": "div", "a": 1, "b": 1e-300}', { error: outside }],
  ])('%s → %j', (request, reply) => {
    expect(wire(request), 'hint: check the op, then b === 0, then the size of the result').toEqual(
      reply,
    );
  });

  it.each([
    ['{"op": "sub", "a": "7", "b": 4}', 'a must be a number, got a string'],
    ['{"op": "sub", "a": 7}', 'missing b'],
    ['not json', 'request is not valid JSON'],
  ])("keeps the lesson's errors for a and b: %s", (request, error) => {
    expect(wire(request), 'hint: check a and b as the lesson does, with its messages').toEqual({
      error,
    });
  });

  it('never throws, whatever the text (fast-check)', () => {
    const field = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(null));
    fc.assert(
      fc.property(fc.record({ op: field, a: field, b: field }, { requiredKeys: [] }), (request) => {
        const reply = calculate(JSON.stringify(request));
        expect(reply, 'hint: every reply is an object').toBeTypeOf('object');
      }),
      { numRuns: 200 },
    );
  });
});
