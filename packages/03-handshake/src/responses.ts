import { STATUS_CODES } from 'node:http';
import { formatHead, type HeaderField } from './http-head.ts';
import type { Acceptance, Rejection } from './validate.ts';

// #region responses
/** RFC 6455 §4.2.2 item 5: the answer that turns the connection into a WebSocket. */
export function switchingProtocols(acceptance: Acceptance): string {
  const fields: HeaderField[] = [
    ['Upgrade', 'websocket'],
    ['Connection', 'Upgrade'],
    ['Sec-WebSocket-Accept', acceptance.accept],
  ];
  // §4.2.2 item 5.5: the header appears only when a subprotocol was chosen.
  if (acceptance.protocol !== undefined)
    fields.push(['Sec-WebSocket-Protocol', acceptance.protocol]);
  // §4.2.2 item 5.6: the same for extensions. Leaving it out declines every
  // extension the client offered (such as permessage-deflate, lesson 08).
  if (acceptance.extensions !== undefined)
    fields.push(['Sec-WebSocket-Extensions', acceptance.extensions]);
  return formatHead('HTTP/1.1 101 Switching Protocols', fields);
}

/**
 * RFC 6455 §4.2.1: when the handshake is not acceptable the server answers
 * with an HTTP error. A short plain-text body says why, so that a learner
 * with curl or the browser's network tab can read it, and `Connection: close`
 * says the server will not read another request on this connection.
 */
export function rejectionResponse(rejection: Rejection): string {
  const body = `${rejection.reason}\n`;
  const fields: HeaderField[] = [
    ['Content-Type', 'text/plain; charset=utf-8'],
    ['Content-Length', String(Buffer.byteLength(body))],
    ['Connection', 'close'],
    ...Object.entries(rejection.headers),
  ];
  return formatHead(`HTTP/1.1 ${rejection.status} ${statusText(rejection.status)}`, fields) + body;
}
// #endregion responses

export function statusText(status: number): string {
  return STATUS_CODES[status] ?? 'Unknown';
}
