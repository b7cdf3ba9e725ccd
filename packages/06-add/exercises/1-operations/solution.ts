// Exercise 06.1: a calculator with four operations.
//
//   {"op": "sub", "a": 7, "b": 4}   → {"result": 3}
//   {"Op": "div", "A": 7, "B": 2}   → {"Result": 3.5}     (seed 004's casing, answered in kind)
//   {"a": 7, "b": 4}                → {"sum": 11}         (no op: the lesson's answer, unchanged)
//
// The lesson's parseRequest already checks the JSON, a and b, their casing and
// the id; this adds the one new field and the rules only an operation has.

import { answer, parseRequest, type Reply, type RequestId } from '../../src/calculator.ts';

export const operations = ['add', 'sub', 'mul', 'div'] as const;
export type Operation = (typeof operations)[number];

export type OperationReply =
  | Reply
  | { result: number; id?: RequestId }
  | { Result: number; id?: RequestId };

/** One request text in, one reply out. Never throws, whatever the text. */
export function calculate(text: string): OperationReply {
  const request = parseRequest(text);
  if ('error' in request) return request;
  const { a, b, casing, id } = request;
  const withId = <T extends object>(reply: T) => (id === undefined ? reply : { ...reply, id });

  // parseRequest has checked that the text is a JSON object.
  const fields = JSON.parse(text) as Record<string, unknown>;
  const hasLower = Object.hasOwn(fields, 'op');
  const hasSeed = Object.hasOwn(fields, 'Op');
  // Old clients send no op and expect {"sum": …}: they keep working.
  if (!hasLower && !hasSeed) return answer(text);
  if (hasLower && hasSeed) return withId({ error: 'use op or Op, not both' });
  const op = hasLower ? fields.op : fields.Op;
  if (!isOperation(op)) return withId({ error: `op must be one of ${operations.join(', ')}` });

  // Doubles give Infinity (or NaN, for 0 / 0) instead of failing: say why instead.
  if (op === 'div' && b === 0) return withId({ error: 'division by zero' });
  const result = op === 'add' ? a + b : op === 'sub' ? a - b : op === 'mul' ? a * b : a / b;
  // The lesson's rule for sums holds for every result: beyond ±(2^53 - 1) a
  // double cannot hold every integer, so the answer could be silently wrong.
  if (!(Math.abs(result) <= Number.MAX_SAFE_INTEGER)) {
    return withId({ error: `the result is outside the safe range ±${Number.MAX_SAFE_INTEGER}` });
  }
  return withId(casing === 'seed' ? { Result: result } : { result });
}

function isOperation(value: unknown): value is Operation {
  return operations.includes(value as Operation);
}
