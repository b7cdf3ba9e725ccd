import { connect, type Socket } from 'node:net';
import { acceptKey, newKey } from './accept-key.ts';
import {
  formatHead,
  type HandshakeResponse,
  type HeaderField,
  hasToken,
  headerValue,
  parseResponse,
} from './http-head.ts';
import { type HeadResult, readHead } from './read-head.ts';
import { handshakeDefaults } from './server-handshake.ts';
import { offeredProtocols } from './subprotocol.ts';

// #region client-options
export interface ClientHandshakeOptions {
  /** Subprotocols to offer, most wanted first (seed 000: `['chat', 'superchat']`). */
  protocols?: readonly string[];
  /** Browsers always send one; a command-line client usually sends none. */
  origin?: string;
  /** Sec-WebSocket-Extensions to offer (lesson 08: `permessage-deflate; client_max_window_bits`). */
  extensions?: string;
  /** Extra request headers, e.g. seed 004's `{ Cookie: 'name=zcy' }`. */
  headers?: Readonly<Record<string, string>>;
  /** Connecting and the whole response must fit in this time (default 5000). */
  handshakeTimeoutMs?: number;
  /** The longest response head we read (default 8 KiB). */
  maxHeaderBytes?: number;
}

export interface ClientHandshake {
  /** The TCP connection, now speaking WebSocket frames. */
  socket: Socket;
  /** The request exactly as sent. */
  request: string;
  response: HandshakeResponse;
  /** The subprotocol the server chose, or `undefined`. */
  protocol: string | undefined;
  /** The server's Sec-WebSocket-Extensions answer to our offer, or `undefined`: the caller checks it. */
  extensions?: string;
  /** Bytes that came right behind the 101: the server's first frames. Read them first. */
  head: Buffer;
}
// #endregion client-options

// #region client-request
/** RFC 6455 §4.1: the client's opening handshake. */
export function handshakeRequest(
  url: URL,
  key: string,
  options: ClientHandshakeOptions = {},
): string {
  const fields: HeaderField[] = [
    // `url.host` leaves out the default port 80, and brackets an IPv6 address.
    ['Host', url.host],
    ['Upgrade', 'websocket'],
    ['Connection', 'Upgrade'],
    ['Sec-WebSocket-Key', key],
    ['Sec-WebSocket-Version', '13'],
  ];
  if (options.origin !== undefined) fields.push(['Origin', options.origin]);
  const protocols = options.protocols ?? [];
  if (protocols.length > 0) fields.push(['Sec-WebSocket-Protocol', protocols.join(', ')]);
  if (options.extensions !== undefined)
    fields.push(['Sec-WebSocket-Extensions', options.extensions]);
  fields.push(...Object.entries(options.headers ?? {}));
  return formatHead(`GET ${url.pathname}${url.search} HTTP/1.1`, fields);
}
// #endregion client-request

// #region verify-response
/**
 * RFC 6455 §4.1, "the client MUST validate the server's response": any failure
 * means this is not (or not our) WebSocket server, and we hang up. The status
 * (item 1: 101) is checked before, by the caller, which reads a refusal's body.
 * Returns the subprotocol the server chose.
 */
export function verifyResponse(
  response: HandshakeResponse,
  key: string,
  offered: readonly string[],
  extensionsOffered = false,
): string | undefined {
  const header = (name: string) => headerValue(response.fields, name);
  const fail = (why: string) => new Error(`invalid handshake response: ${why}`);
  if (!hasToken(header('upgrade'), 'websocket')) {
    throw fail(`Upgrade is ${JSON.stringify(header('upgrade'))}, not "websocket"`);
  }
  if (!hasToken(header('connection'), 'upgrade')) {
    throw fail(`Connection is ${JSON.stringify(header('connection'))}, without "Upgrade"`);
  }
  // Item 4: the proof that the server read our key.
  const expected = acceptKey(key);
  if (header('sec-websocket-accept') !== expected) {
    throw fail(
      `Sec-WebSocket-Accept is ${JSON.stringify(header('sec-websocket-accept'))}, expected ${expected}`,
    );
  }
  // Item 5: an extension we did not offer fails. When we offered some, the
  // caller that offered them checks the answer (lesson 08).
  if (!extensionsOffered && header('sec-websocket-extensions') !== undefined) {
    throw fail(
      `extensions ${JSON.stringify(header('sec-websocket-extensions'))} were never offered`,
    );
  }
  // Item 6: a subprotocol we did not offer (or one when we offered none) fails.
  const chosen = offeredProtocols(header('sec-websocket-protocol'));
  if (chosen.length > 1 || (chosen[0] !== undefined && !offered.includes(chosen[0]))) {
    throw fail(
      `the server chose subprotocol ${JSON.stringify(header('sec-websocket-protocol'))}, which we did not offer`,
    );
  }
  return chosen[0];
}
// #endregion verify-response

// #region client-handshake
/**
 * Opens a TCP connection to a `ws://` URL and performs the handshake by hand.
 * Resolves once the server's 101 is verified; rejects with an error that says
 * what went wrong. The socket it returns is not flowing yet and has no 'error'
 * listener: attach yours (and read `head` first).
 */
export async function clientHandshake(
  url: string | URL,
  options: ClientHandshakeOptions = {},
): Promise<ClientHandshake> {
  const target = new URL(url);
  if (target.protocol !== 'ws:') {
    throw new Error(`${target.href}: this client speaks ws:// only (wss:// needs TLS)`);
  }
  const timeoutMs = options.handshakeTimeoutMs ?? handshakeDefaults.handshakeTimeoutMs;
  const maxHeaderBytes = options.maxHeaderBytes ?? handshakeDefaults.maxHeaderBytes;
  const key = newKey();
  const request = handshakeRequest(target, key, options);

  // WHATWG URLs keep IPv6 brackets in `hostname`; net.connect wants them off.
  const socket = connect({
    host: target.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(target.port || 80),
  });
  socket.write(request);
  const result = await readHead(socket, { maxHeaderBytes, timeoutMs });
  try {
    if (result.kind !== 'complete') throw headError(result, target, timeoutMs, maxHeaderBytes);
    const response = parseResponse(result.head);
    if ('error' in response) throw new Error(`the server's answer is not HTTP: ${response.error}`);
    if (response.status !== 101) {
      const body = await readBody(socket, result.rest, response, timeoutMs);
      throw new Error(
        `server refused the upgrade: ${response.status} ${response.statusText}${body === '' ? '' : `: ${body}`}`,
      );
    }
    const offered = options.extensions !== undefined;
    const protocol = verifyResponse(response, key, options.protocols ?? [], offered);
    const extensions = headerValue(response.fields, 'sec-websocket-extensions');
    return { socket, request, response, protocol, extensions, head: result.rest };
  } catch (error) {
    socket.destroy();
    throw error;
  }
}
// #endregion client-handshake

function headError(
  result: Exclude<HeadResult, { kind: 'complete' }>,
  url: URL,
  timeoutMs: number,
  maxHeaderBytes: number,
): Error {
  switch (result.kind) {
    case 'error':
      return result.error; // ECONNREFUSED and friends: runMain explains them
    case 'timeout':
      return new Error(`no handshake response from ${url.host} within ${timeoutMs} ms`);
    case 'closed':
      return new Error(`${url.host} closed the connection without answering the handshake`);
    case 'too-large':
      return new Error(`the response head from ${url.host} is longer than ${maxHeaderBytes} bytes`);
  }
}

/** Enough of a refusal's body to show a learner why (its first KiB). */
const MAX_BODY_BYTES = 1024;

/**
 * Reads the body of a refusal: `Content-Length` bytes, or until the server
 * closes, whichever comes first, and never longer than the handshake timeout.
 */
function readBody(
  socket: Socket,
  start: Buffer,
  response: HandshakeResponse,
  timeoutMs: number,
): Promise<string> {
  const declared = Number(headerValue(response.fields, 'content-length'));
  const wanted = Math.min(Number.isInteger(declared) ? declared : MAX_BODY_BYTES, MAX_BODY_BYTES);
  return new Promise((resolve) => {
    const chunks = [start];
    let received = start.length;
    const done = () => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', done);
      resolve(Buffer.concat(chunks).subarray(0, wanted).toString('utf8').trim());
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (received >= wanted) done();
    };
    const timer = setTimeout(done, timeoutMs);
    if (received >= wanted) return done();
    socket.on('data', onData);
    socket.on('close', done);
    // The socket may already be closing; errors end the body like a close does.
    socket.on('error', () => {});
  });
}
