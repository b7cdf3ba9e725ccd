// Exercise 05.1: a server that answers every message reversed.
//
// Text is reversed by code point, not by UTF-16 unit: a JavaScript string
// stores 🚀 (U+1F680) as two units, a surrogate pair (\uD83D\uDE80), and
// reversing the units would swap the pair into a lone \uDE80 then \uD83D,
// which is not a character at all and has no UTF-8 encoding (Node would send
// U+FFFD, "�", in their place). Binary data has no characters: it is
// reversed byte by byte.

import type { Logger } from '@sockets/shared';
import type { MessageHandler } from '../../src/connection.ts';
import { preview } from '../../src/echo.ts';

/** `hello 🚀` → `🚀 olleh`: reversed by code point, so no surrogate pair is split. */
export function reverseText(text: string): string {
  // A string's iterator (what `[...text]` uses) walks code points, not units.
  return [...text].reverse().join('');
}

/** The bytes in the opposite order, in a new Buffer: `data` is left as it was. */
export function reverseBytes(data: Buffer): Buffer {
  // Buffer#reverse works in place, so it runs on a copy.
  return Buffer.from(data).reverse();
}

/** echo.ts's `echoMessages`, with the reply reversed; text stays text and binary stays binary. */
export function reverseMessages(log: Logger): MessageHandler {
  return (connection, type, data) => {
    log.info(`recv: ${preview(type, data)}`);
    // The Connection has already checked that text is valid UTF-8 (else 1007),
    // so decoding it cannot lose anything.
    const reply =
      type === 'text' ? Buffer.from(reverseText(data.toString('utf8'))) : reverseBytes(data);
    connection.send(type, reply);
  };
}
