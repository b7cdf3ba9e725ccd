// The calculator itself: one request text in, one reply out. No sockets here,
// so every rule below is tested directly, and the server only moves text.
//
// Seed 004 reads `{"A":7,"B":4}` into a Go struct with `conn.ReadJSON` and
// answers `{"Sum":11}`. Go's encoding/json matches field names without regard
// to case, so `{"a":7,"b":4}` works there too. We accept both spellings and
// answer in the one the request used. When the JSON is bad, seed 004's
// ReadJSON fails and the server drops the connection; seed 002's handler
// ignores the error and reads again. We reply with an error and keep going.

/** An optional request id, echoed in the reply so a client can pipeline. */
export type RequestId = string | number;

export type Reply =
  | { sum: number; id?: RequestId }
  | { Sum: number; id?: RequestId }
  | { error: string; id?: RequestId };

// #region request
interface AddRequest {
  a: number;
  b: number;
  /** `seed` when the request spelled its fields `A` and `B`, as seed 004 does. */
  casing: 'lower' | 'seed';
  id?: RequestId;
}

/**
 * Parse and check a request. The rule for numbers: any JSON number whose size
 * is at most Number.MAX_SAFE_INTEGER (2^53 - 1). Fractions are fine for a
 * sum (0.1 + 0.2 gives 0.30000000000000004, as in any language with doubles).
 * Beyond that size a double cannot hold every integer, so JSON.parse may
 * already have changed the number the client sent (9007199254740993 parses
 * as 9007199254740992), and 1e999 parses as Infinity. We refuse those rather
 * than answer wrongly.
 */
export function parseRequest(text: string): AddRequest | { error: string; id?: RequestId } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'request is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: `request must be a JSON object like {"a": 7, "b": 4}, got ${kindOf(value)}` };
  }
  const fields = value as Record<string, unknown>;
  const id = fields.id;
  if (Object.hasOwn(fields, 'id') && !isRequestId(id)) {
    return { error: 'id must be a string or a finite number' };
  }
  const withId = <T extends object>(reply: T) => (isRequestId(id) ? { ...reply, id } : reply);

  const lower = Object.hasOwn(fields, 'a') || Object.hasOwn(fields, 'b');
  const seed = Object.hasOwn(fields, 'A') || Object.hasOwn(fields, 'B');
  if (lower && seed) return withId({ error: 'use a and b, or A and B, not both' });
  const [nameA, nameB] = seed ? ['A', 'B'] : ['a', 'b'];

  for (const name of [nameA, nameB]) {
    const problem = numberProblem(name, fields[name], Object.hasOwn(fields, name));
    if (problem !== undefined) return withId({ error: problem });
  }
  return withId({
    a: fields[nameA] as number,
    b: fields[nameB] as number,
    casing: seed ? 'seed' : 'lower',
  });
}

function numberProblem(name: string, value: unknown, present: boolean): string | undefined {
  if (!present) return `missing ${name}`;
  // "7" is not 7: a calculator that guessed would hide the client's bug.
  if (typeof value !== 'number') return `${name} must be a number, got ${kindOf(value)}`;
  if (!isSafe(value)) return `${name} is outside the safe range ±${Number.MAX_SAFE_INTEGER}`;
  return undefined;
}
// #endregion request

// #region answer
/** One request text in, one reply out. Never throws, whatever the text. */
export function answer(text: string): Reply {
  const request = parseRequest(text);
  if ('error' in request) return request;
  const { a, b, casing, id } = request;
  const sum = a + b;
  const reply: Reply = !isSafe(sum)
    ? { error: `the sum is outside the safe range ±${Number.MAX_SAFE_INTEGER}` }
    : casing === 'seed'
      ? { Sum: sum }
      : { sum };
  return id === undefined ? reply : { ...reply, id };
}
// #endregion answer

/** NaN and ±Infinity fail this too, since every comparison with NaN is false. */
function isSafe(value: number): boolean {
  return Math.abs(value) <= Number.MAX_SAFE_INTEGER;
}

function isRequestId(value: unknown): value is RequestId {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** What a JSON value is, in words, without echoing the client's data back. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
