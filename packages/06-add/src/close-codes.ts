// The RFC 6455 §7.4.1 close codes this lesson sends or receives.
export const closeCodes = {
  /** The purpose of the connection is fulfilled: the client is done. */
  normal: 1000,
  /** An endpoint is going away: the server stops, a tab closes, a deadline passes. */
  goingAway: 1001,
  /** A type of data the endpoint cannot accept: binary, for a JSON calculator. */
  unsupportedData: 1003,
  /** A message too big to process: over `maxMessageBytes`. */
  messageTooBig: 1009,
} as const;

// #region expected-close
/**
 * Seed 004: `websocket.IsUnexpectedCloseError(err, CloseGoingAway,
 * CloseNormalClosure)`. 1000 (done) and 1001 (page closed, server stopping,
 * idle) are how connections are meant to end; anything else, including 1006
 * (the TCP connection dropped without a close frame), is worth a warning.
 */
export function isExpectedClose(code: number): boolean {
  return code === closeCodes.normal || code === closeCodes.goingAway;
}
// #endregion expected-close
