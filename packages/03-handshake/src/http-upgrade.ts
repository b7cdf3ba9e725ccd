import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { HandshakeRequest, HeaderField } from './http-head.ts';
import {
  type AcceptedHandshake,
  answer,
  handshakeDefaults,
  sendRejection,
  type UpgradeOptions,
} from './server-handshake.ts';
import { reject, validateHandshake } from './validate.ts';

// node:http already does half of this lesson. For a request with `Connection:
// upgrade` and an `Upgrade` header it reads the head, splits it into method,
// URL, version and headers, refuses malformed HTTP with its own 400, and
// instead of calling the request handler emits `upgrade` with the parsed
// request, the raw socket, and `head` (the bytes that came after the request).
// What is left is the WebSocket part: the same decision as on the raw socket.
// This is how lesson 05 serves a page and a WebSocket on one port:
//
//   server.on('upgrade', (request, socket, head) => {
//     const accepted = handleUpgrade(request, socket, head, options);
//     if (accepted) startFrames(accepted);
//   });

// #region http-upgrade
export function handleUpgrade(
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  options: UpgradeOptions,
): AcceptedHandshake | undefined {
  const parsed = handshakeRequestOf(request);
  return answer(socket, parsed, validateHandshake(parsed, options), head, options);
}

/** node:http's request, in the shape validateHandshake reads. */
export function handshakeRequestOf(request: IncomingMessage): HandshakeRequest {
  // rawHeaders keeps every field as sent ([name, value, name, value, …]);
  // `request.headers` would already have dropped a second Host.
  const fields: HeaderField[] = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    fields.push([request.rawHeaders[i]!, request.rawHeaders[i + 1]!]);
  }
  return {
    method: request.method ?? '',
    target: request.url ?? '',
    httpVersion: request.httpVersion,
    fields,
  };
}
// #endregion http-upgrade

// #region refuse-upgrade
/**
 * An HTTP error for an upgrade request that a ws-based server (lessons 06 and
 * 07) refuses before ws sees it: seed 004's `Upgrader.Error`. After an
 * `upgrade` event node:http has let go of the socket, so there is no
 * ServerResponse: `sendRejection` writes the status line, headers and a
 * plain-text body on the raw socket and closes it.
 */
export function refuseUpgrade(
  socket: Duplex,
  status: number,
  reason: string,
  headers: Record<string, string> = {},
): void {
  sendRejection(socket, reject(status, reason, headers), handshakeDefaults.handshakeTimeoutMs);
}
// #endregion refuse-upgrade
