import { type Logger, quote } from '@sockets/shared';
import type { MessageHandler, MessageType } from './connection.ts';

// #region echo
/**
 * Seed 001's handler, `ReadMessage` then `WriteMessage`: print what came and
 * send it back. The seed answers everything with `websocket.TextMessage`, so
 * a binary message would come back as text that may not even be UTF-8 (and a
 * strict peer fails the connection with 1007); we keep the type.
 */
export function echoMessages(log: Logger): MessageHandler {
  return (connection, type, data) => {
    log.debug(`recv: ${preview(type, data)}`);
    connection.send(type, data);
  };
}
// #endregion echo

/** How much of a message a log line shows: a 16 MiB message must not flood the terminal. */
const PREVIEW_TEXT_BYTES = 64;
const PREVIEW_BINARY_BYTES = 16;

/**
 * `"hello, server!"`: text quoted (it is the peer's: see `quote`), binary as
 * hex, long messages cut, with their size.
 */
export function preview(type: MessageType, data: Buffer): string {
  if (type === 'binary') {
    const hex = data.toString('hex', 0, PREVIEW_BINARY_BYTES);
    const cut = data.length > PREVIEW_BINARY_BYTES ? '…' : '';
    return `<binary ${hex}${cut}> (${data.length} bytes)`;
  }
  if (data.length <= PREVIEW_TEXT_BYTES) return quote(data.toString('utf8'));
  // A cut inside a character shows as U+FFFD (�): good enough for a log line.
  return `${quote(data.toString('utf8', 0, PREVIEW_TEXT_BYTES))}… (${data.length} bytes)`;
}
