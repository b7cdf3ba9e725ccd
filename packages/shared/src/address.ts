import type { AddressInfo } from 'node:net';

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
