// Exercise 01.2: a different protocol on the same server. startTcpServer({ respond }) takes
// any function from a line to a reply; the framing, the ordering of replies and the
// half-close stay the server's business. Here the protocol is a calculator: two numbers in,
// their sum out. Lesson 06 does the same over WebSocket, with JSON.
import type { Respond } from '../../src/index.ts';

/** `7 4` → `11`; anything that is not two numbers → `error: …`, and the connection goes on. */
export const calculator: Respond = (line) => {
  // Any run of spaces or tabs separates the two numbers; a line may come with spaces around.
  const parts = line
    .trim()
    .split(/\s+/)
    .filter((part) => part !== '');
  if (parts.length !== 2) {
    return `error: expected two numbers separated by a space, got ${parts.length}`;
  }
  // Number('') is 0 and Number('0x10') is 16: accept only plain decimal notation.
  const numbers = parts.map((part) => (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(part) ? Number(part) : NaN));
  const bad = parts.find((_, i) => Number.isNaN(numbers[i]));
  if (bad !== undefined) return `error: ${JSON.stringify(bad)} is not a number`;
  const sum = numbers[0]! + numbers[1]!;
  // 1e308 digits in each is still "a number", but their sum is Infinity.
  if (!Number.isFinite(sum)) return 'error: the sum is too large';
  return String(sum);
};
