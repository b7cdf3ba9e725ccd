// Exercise 01.2: a different protocol on the same server. startTcpServer({ respond }) takes
// any function from a line to a reply; the framing, the ordering of replies and the
// half-close stay the server's business. Here the protocol is a calculator: two numbers in,
// their sum out. Lesson 06 does the same over WebSocket, with JSON.
//
// Check your work: pnpm exercise 01 2
import type { Respond } from '../../src/index.ts';

/** `7 4` → `11`; anything that is not two numbers → `error: …`, and the connection goes on. */
export const calculator: Respond = (line) => {
  // TODO(exercise): split the line into two numbers (any spaces between and around them),
  // answer their sum as text, and answer `error: <why>` for anything else: one number,
  // three, a word, an empty line, a sum too large to be finite.
  return `echo: ${line}`;
};
