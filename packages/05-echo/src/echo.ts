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
const previewTextBytes = 64;
const previewBinaryBytes = 16;

/**
 * `"hello, server!"`: text quoted (it is the peer's: see `quote`), binary as
 * hex, long messages cut, with their size.
 */
export function preview(type: MessageType, data: Buffer): string {
  if (type === 'binary') {
    const hex = data.toString('hex', 0, previewBinaryBytes);
    const cut = data.length > previewBinaryBytes ? '…' : '';
    return `<binary ${hex}${cut}> (${data.length} bytes)`;
  }
  if (data.length <= previewTextBytes) return quote(data.toString('utf8'));
  // A cut inside a character shows as U+FFFD (�): good enough for a log line.
  return `${quote(data.toString('utf8', 0, previewTextBytes))}… (${data.length} bytes)`;
}
