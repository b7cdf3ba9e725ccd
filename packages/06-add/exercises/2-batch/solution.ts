// Exercise 06.2: several requests in one message.
//
//   [{"a": 1, "b": 2}, "oops", {"A": 3, "B": 4, "id": 7}]
//     → [{"sum": 3}, {"error": "request must be …, got a string"}, {"Sum": 7, "id": 7}]
//
// One message in, one message out, replies in the order of the requests. A bad
// request in a batch gets its own error reply and spoils nothing else. A text
// that is not an array is one request, answered as the lesson does.

import { answer } from '../../src/calculator.ts';

/** The most requests one batch may hold. MAX_MESSAGE_BYTES bounds its bytes, not its work. */
export const maxBatch = 100;

/** One message's text in, the reply message's text out. Never throws, whatever the text. */
export function answerMessage(text: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON at all: answer() says so, exactly as for a single request.
    return JSON.stringify(answer(text));
  }
  if (!Array.isArray(value)) return JSON.stringify(answer(text));
  if (value.length === 0) return JSON.stringify({ error: 'a batch must hold at least 1 request' });
  if (value.length > maxBatch) {
    return JSON.stringify({
      error: `a batch holds at most ${maxBatch} requests, got ${value.length}`,
    });
  }
  // Each request goes back to text so that answer() checks it with every rule
  // it has. The price: JSON.parse has already run over the numbers, so a
  // number too big for a double (1e999) is Infinity here, and JSON.stringify
  // writes Infinity as null.
  return JSON.stringify(value.map((request) => answer(JSON.stringify(request))));
}
