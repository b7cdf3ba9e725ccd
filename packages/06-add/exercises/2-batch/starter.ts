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
  // TODO(exercise): when the text is a JSON array, answer each of its
  // requests (answer() takes text: JSON.stringify turns one back into text)
  // and reply with the array of replies. Refuse, with one error reply:
  // - an empty array: {"error": "a batch must hold at least 1 request"};
  // - more than maxBatch: {"error": "a batch holds at most 100 requests, got 150"}.
  // Anything else (bad JSON included) is one request: answer(text).
  return JSON.stringify(answer(text));
}
