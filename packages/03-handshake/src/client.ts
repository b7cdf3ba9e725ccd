import { createLogger, type Logger, quote } from '@sockets/shared';
import { clientHandshake } from './client-handshake.ts';
import type { ClientOptions } from './options.ts';

// #region client
/**
 * The lesson's client: performs the handshake from the other side and prints
 * the request and the response, as seed 004's client prints the response
 * headers. Frames are lesson 04, so it then closes the TCP connection.
 */
export async function runHandshakeClient(options: ClientOptions & { log?: Logger }): Promise<void> {
  const log = options.log ?? createLogger('handshake-client');
  log.info(`connecting to ${options.url}`);
  const { socket, request, response, protocol } = await clientHandshake(options.url, {
    protocols: options.protocols,
    origin: options.origin,
    headers: { Cookie: options.cookie },
    handshakeTimeoutMs: options.handshakeTimeoutMs,
  });
  log.info('request:');
  for (const line of request.trimEnd().split('\r\n')) log.info(`  ${line}`);
  log.info('response:');
  log.info(`  HTTP/${response.httpVersion} ${response.status} ${response.statusText}`);
  // The response is the server's text: values quoted (see `quote`).
  for (const [name, value] of response.fields) log.info(`  ${name}: ${quote(value)}`);
  log.info(`handshake complete: accept value verified, subprotocol ${protocol ?? '(none)'}`);
  // Without a close frame (lesson 04) the server sees the connection end
  // abruptly; a WebSocket library would report it as code 1006.
  socket.end();
}
// #endregion client
