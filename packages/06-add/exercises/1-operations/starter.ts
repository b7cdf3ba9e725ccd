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
  // TODO(exercise): read the op (spelled `op`, or `Op`) and answer it:
  // - no op at all: the lesson's `answer(text)`, so old clients still get {"sum": …};
  // - both spellings: {"error": "use op or Op, not both"};
  // - not one of `operations`: {"error": "op must be one of add, sub, mul, div"};
  // - div by 0: {"error": "division by zero"};
  // - a result beyond ±Number.MAX_SAFE_INTEGER:
  //   {"error": "the result is outside the safe range ±9007199254740991"};
  // - otherwise {"result": …}, or {"Result": …} when request.casing is 'seed'.
  // Every reply carries the request's id, when it had one.
  return answer(text);
}
