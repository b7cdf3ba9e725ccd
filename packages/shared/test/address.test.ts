import { describe, expect, it } from 'vitest';
import { formatUrl, localName, peerName } from '../src/address.ts';

describe('addresses for log lines and ready lines', () => {
  it('names the two ends of a socket, bracketing IPv6', () => {
    const socket = {
      remoteAddress: '::1',
      remotePort: 5000,
      localAddress: '127.0.0.1',
      localPort: 80,
    };
    expect(peerName(socket)).toBe('[::1]:5000');
    expect(localName(socket)).toBe('127.0.0.1:80');
    expect(peerName({})).toBe('an unknown peer');
  });

  it('formats the URL a ready line prints', () => {
    expect(formatUrl('ws', 'localhost', 8080, '/echo')).toBe('ws://localhost:8080/echo');
    expect(formatUrl('udp', '::1', 7001)).toBe('udp://[::1]:7001');
  });
});
