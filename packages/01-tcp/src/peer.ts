import type { Socket } from 'node:net';

/** `127.0.0.1:51234` or `[::1]:51234`: who is at the other end of a socket. */
export function peerName(socket: Socket): string {
  return addressName(socket.remoteAddress, socket.remotePort);
}

/** Our own end of a socket, the port the OS picked for a client. */
export function localName(socket: Socket): string {
  return addressName(socket.localAddress, socket.localPort);
}

function addressName(address: string | undefined, port: number | undefined): string {
  if (address === undefined) return 'an unknown peer';
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
