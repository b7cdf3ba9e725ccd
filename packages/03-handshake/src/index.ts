export { acceptKey, isValidKey, newKey, WEBSOCKET_GUID } from './accept-key.ts';
export { runHandshakeClient } from './client.ts';
export {
  type ClientHandshake,
  type ClientHandshakeOptions,
  clientHandshake,
  handshakeRequest,
  verifyResponse,
} from './client-handshake.ts';
export { type HeadProgress, HeadScanner } from './head-scanner.ts';
export { handshakeDeadline, refuseBadRequest } from './http-deadline.ts';
export {
  formatHead,
  type HandshakeRequest,
  type HandshakeResponse,
  type HeaderField,
  type HttpHead,
  hasToken,
  headerValue,
  headerValues,
  parseHead,
  parseRequest,
  parseResponse,
  tokens,
} from './http-head.ts';
export { handleUpgrade, handshakeRequestOf, refuseUpgrade } from './http-upgrade.ts';
export {
  type ClientOptions,
  clientOptionsFromEnv,
  type ServerOptions,
  serverOptionsFromEnv,
} from './options.ts';
export { isOriginAllowed, pageOrigins } from './origin.ts';
export { type HeadLimits, type HeadResult, readHead } from './read-head.ts';
export { rejectionResponse, statusText, switchingProtocols } from './responses.ts';
export {
  type HandshakeServer,
  type HandshakeServerOptions,
  startHandshakeServer,
} from './server.ts';
export {
  type AcceptedHandshake,
  answer,
  handshakeDefaults,
  type ServerHandshakeOptions,
  sendRejection,
  serverHandshake,
  type UpgradeOptions,
} from './server-handshake.ts';
export { chooseProtocol, offeredProtocols } from './subprotocol.ts';
export {
  type Acceptance,
  type HandshakeDecision,
  type HandshakePolicy,
  type Rejection,
  reject,
  validateHandshake,
} from './validate.ts';
