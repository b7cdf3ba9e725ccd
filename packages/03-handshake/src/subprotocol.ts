// #region subprotocol
/**
 * Chooses the subprotocol (seed 000's client asks for `chat, superchat`).
 *
 * RFC 6455 §4.1: the client lists the subprotocols it can speak "ordered by
 * preference". §4.2.2: the server answers with one of the values the client
 * sent that it is willing to use, or sends no `Sec-WebSocket-Protocol` at all.
 * So we walk the CLIENT's list and take the first one the server supports: the
 * client said what it prefers, and the server's list only says what it can do.
 * Names are compared exactly, since a subprotocol is whatever string both sides
 * agree on (the `ws` library and browsers compare them exactly too).
 */
export function chooseProtocol(
  offered: string | undefined,
  supported: readonly string[],
): string | undefined {
  return offeredProtocols(offered).find((protocol) => supported.includes(protocol));
}

/** `chat, superchat` → ['chat', 'superchat']. */
export function offeredProtocols(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(',')
    .map((protocol) => protocol.trim())
    .filter((protocol) => protocol !== '');
}
// #endregion subprotocol
