import type { Duplex } from 'node:stream';
import { explainError, type Logger, peerName } from '@sockets/shared';
import { type HandshakeRequest, parseRequest } from './http-head.ts';
import { readHead } from './read-head.ts';
import { rejectionResponse, statusText, switchingProtocols } from './responses.ts';
import {
  type HandshakeDecision,
  type HandshakePolicy,
  type Rejection,
  reject,
  validateHandshake,
} from './validate.ts';

// #region options
export interface UpgradeOptions extends HandshakePolicy {
  /**
   * seed 004: `HandshakeTimeout: 5 * time.Second`. The whole request must
   * arrive in this time; a refused client gets as long again to go away.
   */
  handshakeTimeoutMs: number;
  log: Logger;
}

export interface ServerHandshakeOptions extends UpgradeOptions {
  /** The longest request head we read before answering 431. */
  maxHeaderBytes: number;
}

/** Defaults to spread into options: `{ ...handshakeDefaults, paths: ['/echo'], … }`. */
export const handshakeDefaults = {
  // seed 004's HandshakeTimeout.
  handshakeTimeoutMs: 5000,
  // A browser's handshake, cookies included, is well under 8 KiB (nginx's
  // default line buffer; node:http allows 16 KiB): a flood is refused early.
  maxHeaderBytes: 8 * 1024,
} as const;

/** A connection that is now a WebSocket, handed to the frame layer (lesson 04). */
export interface AcceptedHandshake<S extends Duplex = Duplex> {
  socket: S;
  request: HandshakeRequest;
  path: string;
  protocol: string | undefined;
  /** The agreed Sec-WebSocket-Extensions (lesson 08), or `undefined` for none. */
  extensions?: string;
  /** The 101 response exactly as sent. */
  response: string;
  /** Bytes that came right behind the request: the client's first frames. Read them first. */
  head: Buffer;
}
// #endregion options

// #region server-handshake
/**
 * The server's side of the handshake on a raw TCP socket (node:net): read the
 * request by hand, decide, answer. Resolves with the upgraded connection, or
 * `undefined` when the client was refused, timed out or left (already answered
 * and logged). Never rejects: nothing a client sends can crash the server.
 */
export async function serverHandshake<S extends Duplex>(
  socket: S,
  options: ServerHandshakeOptions,
): Promise<AcceptedHandshake<S> | undefined> {
  const { log, maxHeaderBytes, handshakeTimeoutMs } = options;
  const result = await readHead(socket, { maxHeaderBytes, timeoutMs: handshakeTimeoutMs });
  switch (result.kind) {
    case 'complete':
      break;
    case 'too-large':
      refuse(
        socket,
        reject(431, `the request head is longer than ${maxHeaderBytes} bytes`),
        options,
      );
      return undefined;
    case 'timeout':
      // RFC 7231 §6.5.7: 408 tells a client that was too slow why it is cut off.
      refuse(socket, reject(408, `no complete request within ${handshakeTimeoutMs} ms`), options);
      return undefined;
    case 'closed':
      log.info(`${peerName(socket)} left before finishing its request`);
      socket.destroy();
      return undefined;
    case 'error':
      log.warn(`${peerName(socket)} failed during the handshake: ${explainError(result.error)}`);
      socket.destroy();
      return undefined;
  }
  const request = parseRequest(result.head);
  if ('error' in request) {
    refuse(socket, reject(400, request.error), options);
    return undefined;
  }
  return answer(socket, request, validateHandshake(request, options), result.rest, options);
}
// #endregion server-handshake

// #region answer
/** Sends the decision: 101 and the upgraded connection, or the HTTP error and a close. */
export function answer<S extends Duplex>(
  socket: S,
  request: HandshakeRequest,
  decision: HandshakeDecision,
  head: Buffer,
  options: UpgradeOptions,
): AcceptedHandshake<S> | undefined {
  if (!decision.accepted) {
    refuse(socket, decision, options);
    return undefined;
  }
  const response = switchingProtocols(decision);
  socket.write(response);
  const protocol = decision.protocol === undefined ? '' : ` (subprotocol ${decision.protocol})`;
  const agreed = decision.extensions === undefined ? '' : ` with ${decision.extensions}`;
  options.log.info(
    `${peerName(socket)} upgraded to WebSocket on ${decision.path}${protocol}${agreed}`,
  );
  const { path, extensions } = decision;
  return { socket, request, path, protocol: decision.protocol, extensions, response, head };
}

function refuse(socket: Duplex, rejection: Rejection, options: UpgradeOptions) {
  options.log.warn(
    `refused ${peerName(socket)}: ${rejection.status} ${statusText(rejection.status)}: ${rejection.reason}`,
  );
  sendRejection(socket, rejection, options.handshakeTimeoutMs);
}

/**
 * Answers with an HTTP error and closes. `end()` sends the response and then
 * our FIN; we keep reading (and dropping) what the client still sends, because
 * closing a socket with unread bytes makes the kernel send a reset, which can
 * destroy the response before the client reads it. A client that neither reads
 * nor closes is cut off after `lingerMs`. Lessons 06 and 07 refuse their
 * upgrades through this too.
 */
export function sendRejection(socket: Duplex, rejection: Rejection, lingerMs: number): void {
  // A client that resets the connection now is gone either way: nothing to report.
  socket.on('error', () => {});
  socket.end(rejectionResponse(rejection));
  socket.resume();
  const timer = setTimeout(() => socket.destroy(), lingerMs);
  socket.once('close', () => clearTimeout(timer));
}
// #endregion answer
