import { encodeFrame, Opcode } from '@sockets/frames';
import { type ChatEvent, encode } from './messages.ts';

// gorilla/websocket's PreparedMessage, which its chat example could use: the
// bytes of a whole frame, built once and written to many connections. A
// server's frames are never masked (RFC 6455 §5.1), so every client can be
// sent the very same bytes: lesson 04's encodeFrame builds the header, and
// each Member writes header and payload to its socket in one piece. ws would
// build a new header and run its sender for every client: at 10,000 clients
// that was about a tenth of the server's CPU (`pnpm bench chat`).

// #region prepared-frame
/** One complete text frame carrying `event`, ready to write to any client's socket. */
export function prepareFrame(event: ChatEvent): Buffer {
  return Buffer.concat(encodeFrame(Opcode.text, encode(event)));
}
// #endregion prepared-frame
