import { isIPv6 } from 'node:net';

// #region socket-type
/**
 * Which kind of UDP socket to open for HOST: `udp4` unless HOST is an IPv6
 * address such as `::1`.
 *
 * A TCP client (lesson 01) resolves the name when it connects and tries each
 * address it gets. A UDP socket is created for one family, before any name is
 * resolved, and then only looks up addresses of that family. Server and client
 * must land on the same address, so both pick the family the same way: with
 * `udp4`, `localhost` means 127.0.0.1 on both sides, whichever of 127.0.0.1 and
 * ::1 the system lists first. To use IPv6, give an IPv6 address: HOST=::1.
 */
export function socketTypeFor(host: string): 'udp4' | 'udp6' {
  return isIPv6(host) ? 'udp6' : 'udp4';
}
// #endregion socket-type
