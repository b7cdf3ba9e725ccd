import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { socketTypeFor } from '../src/socket-type.ts';

describe('socketTypeFor', () => {
  it('opens udp4 for localhost, so server and client agree on 127.0.0.1', () => {
    expect(socketTypeFor('localhost')).toBe('udp4');
  });

  it('opens udp4 for any IPv4 address and host name', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.domain()), (host) => {
        expect(socketTypeFor(host)).toBe('udp4');
      }),
    );
  });

  it('opens udp6 for any IPv6 address', () => {
    fc.assert(
      fc.property(fc.ipV6(), (host) => {
        expect(socketTypeFor(host)).toBe('udp6');
      }),
    );
  });
});
