import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * The URL a learner can copy from a ready line. The host is the one the learner
 * asked for (`localhost` stays `localhost`); the port is the one the OS gave,
 * which matters when PORT=0 asks for any free port (as every test does).
 */
export function formatUrl(scheme: string, host: string, port: number, path = ''): string {
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `${scheme}://${bracketed}:${port}${path}`;
}

/** The port a listening `net.Server` or bound `dgram.Socket` really got. */
export function boundPort(address: AddressInfo | string | null): number {
  if (address === null || typeof address === 'string') {
    throw new Error('the socket is not bound to a TCP/UDP port');
  }
  return address.port;
}

interface Endpoints {
  remoteAddress?: string | undefined;
  remotePort?: number | undefined;
  localAddress?: string | undefined;
  localPort?: number | undefined;
}

/**
 * `127.0.0.1:51234` or `[::1]:51234`: who is at the other end of a socket, for
 * log lines. Takes any stream, since an upgraded connection is typed as one.
 */
export function peerName(socket: Duplex | Endpoints): string {
  const { remoteAddress, remotePort } = socket as Endpoints;
  return addressName(remoteAddress, remotePort);
}

/** Our own end of a socket: the port the OS picked for a client. */
export function localName(socket: Duplex | Endpoints): string {
  const { localAddress, localPort } = socket as Endpoints;
  return addressName(localAddress, localPort);
}

function addressName(address: string | undefined, port: number | undefined): string {
  if (address === undefined) return 'an unknown peer';
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
