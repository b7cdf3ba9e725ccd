// RFC 6455 §7.4.1: the status codes a close frame can carry, and the IANA
// registry's later additions (1012-1014). Some exist only to be *reported* to
// an application (1005, 1006, 1015) and MUST NOT appear in a close frame
// (§7.4.1, §7.4.2): a peer that sends one has broken the protocol.

// #region close-codes
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  protocolError: 1002,
  unsupportedData: 1003,
  noStatus: 1005,
  abnormal: 1006,
  invalidPayload: 1007,
  policyViolation: 1008,
  messageTooBig: 1009,
  mandatoryExtension: 1010,
  internalError: 1011,
  serviceRestart: 1012,
  tryAgainLater: 1013,
  badGateway: 1014,
  tlsHandshake: 1015,
} as const;

interface CloseCodeInfo {
  name: string;
  meaning: string;
  /** false for the codes that only describe a connection and are never sent (§7.4.1) */
  onTheWire: boolean;
}

export const closeCodeTable: Readonly<Record<number, CloseCodeInfo>> = {
  [CloseCode.normal]: {
    name: 'normal closure',
    meaning: 'the purpose of the connection is fulfilled',
    onTheWire: true,
  },
  [CloseCode.goingAway]: {
    name: 'going away',
    meaning: 'a server shutting down, or a browser leaving the page',
    onTheWire: true,
  },
  [CloseCode.protocolError]: {
    name: 'protocol error',
    meaning: 'the peer broke the framing rules',
    onTheWire: true,
  },
  [CloseCode.unsupportedData]: {
    name: 'unsupported data',
    meaning: 'a kind of data the endpoint cannot accept (say, binary to a text-only endpoint)',
    onTheWire: true,
  },
  [CloseCode.noStatus]: {
    name: 'no status received',
    meaning: 'reported when a close frame had no code; never sent',
    onTheWire: false,
  },
  [CloseCode.abnormal]: {
    name: 'abnormal closure',
    meaning: 'reported when the connection dropped without a close frame; never sent',
    onTheWire: false,
  },
  [CloseCode.invalidPayload]: {
    name: 'invalid frame payload data',
    meaning: 'data that does not match its type, such as a text message that is not UTF-8',
    onTheWire: true,
  },
  [CloseCode.policyViolation]: {
    name: 'policy violation',
    meaning: 'a message that breaks the endpoint’s policy, when no other code fits',
    onTheWire: true,
  },
  [CloseCode.messageTooBig]: {
    name: 'message too big',
    meaning: 'a message larger than the endpoint is willing to process',
    onTheWire: true,
  },
  [CloseCode.mandatoryExtension]: {
    name: 'mandatory extension',
    meaning: 'a client that needed an extension the server did not negotiate',
    onTheWire: true,
  },
  [CloseCode.internalError]: {
    name: 'internal error',
    meaning: 'the server met an unexpected condition',
    onTheWire: true,
  },
  [CloseCode.serviceRestart]: {
    name: 'service restart',
    meaning: 'the server is restarting; reconnect later (IANA registry)',
    onTheWire: true,
  },
  [CloseCode.tryAgainLater]: {
    name: 'try again later',
    meaning: 'the server is overloaded; reconnect later (IANA registry)',
    onTheWire: true,
  },
  [CloseCode.badGateway]: {
    name: 'bad gateway',
    meaning: 'a gateway got an invalid answer from upstream (IANA registry)',
    onTheWire: true,
  },
  [CloseCode.tlsHandshake]: {
    name: 'TLS handshake failure',
    meaning: 'reported when the TLS handshake failed; never sent',
    onTheWire: false,
  },
};

/**
 * §7.4.2: 0-999 are unused, 1000-2999 belong to the RFC and its extensions
 * (only the registered ones above may be sent), 3000-3999 are registered with
 * IANA by libraries and frameworks, 4000-4999 are for private use.
 */
export function isValidWireCloseCode(code: number): boolean {
  if (code >= 3000 && code <= 4999) return true;
  return closeCodeTable[code]?.onTheWire === true;
}
// #endregion close-codes

// #region normal-close
/**
 * 1000 (done) and 1001 (a page closed, a server stopping, an idle timeout)
 * are how a connection is meant to end; anything else, 1006 included (the
 * TCP connection dropped without a close frame), is worth a warning. Seed
 * 004 asks gorilla the same: `websocket.IsUnexpectedCloseError(err,
 * CloseGoingAway, CloseNormalClosure)`.
 */
export function isNormalClose(code: number): boolean {
  return code === CloseCode.normal || code === CloseCode.goingAway;
}
// #endregion normal-close

/** `1002 (protocol error)`, for log lines and the annotator. */
export function describeCloseCode(code: number): string {
  const known = closeCodeTable[code];
  if (known !== undefined) return `${code} (${known.name})`;
  if (code >= 3000 && code <= 3999) return `${code} (registered by a library or framework)`;
  if (code >= 4000 && code <= 4999) return `${code} (private use)`;
  return `${code} (not a valid close code)`;
}
