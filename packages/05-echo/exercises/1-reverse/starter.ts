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
  // TODO(exercise): reverse by code point. `text.split('')` splits into UTF-16
  // units; what walks a string by code point?
  return text;
}

/** The bytes in the opposite order, in a new Buffer: `data` is left as it was. */
export function reverseBytes(data: Buffer): Buffer {
  // TODO(exercise): reverse the bytes, without changing `data` (read what Buffer#reverse does).
  return data;
}

/** echo.ts's `echoMessages`, with the reply reversed; text stays text and binary stays binary. */
export function reverseMessages(log: Logger): MessageHandler {
  return (connection, type, data) => {
    log.info(`recv: ${preview(type, data)}`);
    // TODO(exercise): send the reply reversed: reverseText for text (decode
    // the UTF-8 bytes first), reverseBytes for binary.
    connection.send(type, data);
  };
}
