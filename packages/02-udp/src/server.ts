import { createSocket } from 'node:dgram';
import { createLogger, explainError, formatUrl } from '@sockets/shared';
import { bind, closer } from './dgram-promises.ts';
import { type ServerOptions, serverDefaults } from './options.ts';
import { preview } from './preview.ts';
import { socketTypeFor } from './socket-type.ts';

export interface UdpServer {
  /** `udp://localhost:7001`, with the port the OS really gave. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The seed 000 echo server: one socket for every client. There is no
 * `accept` and no connection per client, as in lesson 01; the server just
 * waits for datagrams and answers each one to the address it came from.
 */
export async function startUdpServer(options: ServerOptions = {}): Promise<UdpServer> {
  const { host, port: wantedPort, dropFirst } = { ...serverDefaults, ...options };
  const log = options.log ?? createLogger('udp-server');

  // #region listen
  // seed 000: ResolveUDPAddr + ListenUDP. `bind` does both: it resolves HOST
  // and claims the port, and from then on datagrams sent there queue up for us.
  const socket = createSocket(socketTypeFor(host));
  const close = closer(socket);
  const port = await bind(socket, wantedPort, host).catch(async (error: unknown) => {
    await close();
    throw error;
  });
  // #endregion listen

  let arrived = 0;
  // #region echo
  // seed 000: ReadFromUDP returns the data *and* the sender's address (`rinfo`
  // here); WriteToUDP answers to that address. One 'message' event is exactly
  // one datagram, never a piece of one and never two stuck together.
  socket.on('message', (data, rinfo) => {
    arrived += 1;
    const peer = `${rinfo.address}:${rinfo.port}`;
    log.info(`received ${data.length} bytes from ${peer}: ${preview(data)}`);
    if (arrived <= dropFirst) {
      log.warn(`dropped datagram ${arrived} on purpose (DROP_FIRST=${dropFirst}): no reply`);
      return;
    }
    socket.send(data, rinfo.port, rinfo.address, (error) => {
      if (error) log.warn(`could not reply to ${peer}: ${explainError(error)}`);
      else log.info(`replied ${data.length} bytes to ${peer}`);
    });
  });
  // #endregion echo

  // A UDP socket has no connection to lose: an error here concerns one
  // datagram, so it is logged and the server goes on serving everyone else.
  socket.on('error', (error) => log.warn(explainError(error)));

  const url = formatUrl('udp', host, port);
  log.info(`listening on ${url}`);
  return { url, port, close };
}
