import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answer } from '../src/calculator.ts';

const max = Number.MAX_SAFE_INTEGER;
const outside = `outside the safe range ±${max}`;

describe('answer: good requests', () => {
  it.each([
    ['{"a": 7, "b": 4}', { sum: 11 }],
    ['{"A": 7, "B": 4}', { Sum: 11 }], // seed 004's spelling, answered in kind
    ['{"a": -7, "b": 4}', { sum: -3 }],
    ['{"a": 1.5, "b": 2.25}', { sum: 3.75 }],
    ['{"a": 0.1, "b": 0.2}', { sum: 0.30000000000000004 }], // doubles, as everywhere
    [`{"a": ${max}, "b": 0}`, { sum: max }],
    [`{"a": ${max - 1}, "b": 1}`, { sum: max }],
    [`{"a": -${max}, "b": 0}`, { sum: -max }],
    ['{"a": 7, "b": 4, "id": 3}', { sum: 11, id: 3 }],
    ['{"A": 7, "B": 4, "id": "x-1"}', { Sum: 11, id: 'x-1' }],
    ['{"a": 7, "b": 4, "id": 0}', { sum: 11, id: 0 }],
    ['{"a": 7, "b": 4, "note": "extra fields are ignored"}', { sum: 11 }],
  ])('%s → %j', (request, reply) => {
    expect(answer(request)).toEqual(reply);
  });
});

describe('answer: bad requests get an error reply', () => {
  it.each([
    ['hello', 'request is not valid JSON'],
    ['{"a": 7,', 'request is not valid JSON'],
    ['', 'request is not valid JSON'],
    ['{"a": NaN, "b": 1}', 'request is not valid JSON'],
    ['[7, 4]', 'request must be a JSON object like {"a": 7, "b": 4}, got an array'],
    ['11', 'request must be a JSON object like {"a": 7, "b": 4}, got a number'],
    ['null', 'request must be a JSON object like {"a": 7, "b": 4}, got null'],
    ['"7+4"', 'request must be a JSON object like {"a": 7, "b": 4}, got a string'],
    ['true', 'request must be a JSON object like {"a": 7, "b": 4}, got a boolean'],
    ['{}', 'missing a'],
    ['{"a": 7}', 'missing b'],
    ['{"b": 4}', 'missing a'],
    ['{"A": 7}', 'missing B'],
    ['{"__proto__": {"a": 7}, "b": 4}', 'missing a'],
    ['{"a": "7", "b": 4}', 'a must be a number, got a string'],
    ['{"a": 7, "b": "4"}', 'b must be a number, got a string'],
    ['{"a": null, "b": 4}', 'a must be a number, got null'],
    ['{"a": true, "b": 4}', 'a must be a number, got a boolean'],
    ['{"a": {}, "b": 4}', 'a must be a number, got an object'],
    ['{"a": [7], "b": 4}', 'a must be a number, got an array'],
    ['{"a": 1, "B": 2}', 'use a and b, or A and B, not both'],
    ['{"a": 1e999, "b": 1}', `a is ${outside}`], // JSON.parse gives Infinity
    ['{"a": 1, "b": -1e999}', `b is ${outside}`],
    [`{"a": ${max + 1}, "b": 0}`, `a is ${outside}`],
    ['{"a": 9007199254740993, "b": 0}', `a is ${outside}`], // parses as …992
    [`{"a": ${max}, "b": 1}`, `the sum is ${outside}`],
    [`{"a": -${max}, "b": -1}`, `the sum is ${outside}`],
    [`{"A": ${max}, "B": ${max}}`, `the sum is ${outside}`],
    ['{"a": 7, "b": 4, "id": {}}', 'id must be a string or a finite number'],
    ['{"a": 7, "b": 4, "id": null}', 'id must be a string or a finite number'],
    ['{"a": 7, "b": 4, "id": 1e999}', 'id must be a string or a finite number'],
  ])('%s → %s', (request, error) => {
    expect(answer(request)).toEqual({ error });
  });

  it('echoes a valid id in an error reply, so a pipelining client can match it', () => {
    expect(answer('{"a": "7", "b": 4, "id": 5}')).toEqual({
      error: 'a must be a number, got a string',
      id: 5,
    });
    expect(answer(`{"a": ${max}, "b": 1, "id": "z"}`)).toEqual({
      error: `the sum is ${outside}`,
      id: 'z',
    });
  });
});

describe('answer: properties', () => {
  const safe = fc.integer({ min: -max, max });

  it('adds any two safe integers whose sum is safe, in either spelling', () => {
    fc.assert(
      fc.property(safe, safe, fc.boolean(), (a, b, seed) => {
        fc.pre(Math.abs(a + b) <= max);
        const request = seed ? { A: a, B: b } : { a, b };
        expect(answer(JSON.stringify(request))).toEqual(seed ? { Sum: a + b } : { sum: a + b });
      }),
    );
  });

  it('never throws, whatever the text, and always replies with a sum or an error', () => {
    const text = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(text, (request) => {
        const reply = answer(request);
        const keys = Object.keys(reply).filter((key) => key !== 'id');
        expect(keys).toHaveLength(1);
        expect(['sum', 'Sum', 'error']).toContain(keys[0]);
        // A sum survives the wire: JSON.stringify would turn Infinity or NaN into null.
        const sum = 'error' in reply ? 0 : 'sum' in reply ? reply.sum : reply.Sum;
        expect(Number.isFinite(sum)).toBe(true);
      }),
    );
  });
});
