import { createHash, randomBytes } from 'node:crypto';

// RFC 6455 §1.3 and §4.2.2: the server proves it read *this* handshake (and is
// not, say, a cache replaying an old response, or a plain HTTP server that
// never heard of WebSockets) by hashing the client's key with a GUID that only
// WebSocket servers know. It is a proof of understanding, not security: anyone
// can compute it.

// #region accept-key
/** RFC 6455 §1.3: the fixed GUID every WebSocket server appends to the key. */
export const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** `Sec-WebSocket-Accept` = base64(SHA-1(key + GUID)), RFC 6455 §4.2.2 item 5.4. */
export function acceptKey(key: string): string {
  return createHash('sha1')
    .update(key + WEBSOCKET_GUID)
    .digest('base64');
}
// #endregion accept-key

// #region key
/**
 * RFC 6455 §4.1: the key is 16 random bytes, base64-encoded. Sixteen bytes
 * always encode as 22 characters and `==`, so this pattern is the whole rule
 * (Buffer.from(…, 'base64') would silently skip bad characters instead).
 */
const SIXTEEN_BYTES_IN_BASE64 = /^[A-Za-z0-9+/]{22}==$/;

export function isValidKey(key: string): boolean {
  return SIXTEEN_BYTES_IN_BASE64.test(key);
}

/** A fresh client key: RFC 6455 §4.1 item 7 wants it "randomly selected" per connection. */
export function newKey(): string {
  return randomBytes(16).toString('base64');
}
// #endregion key
