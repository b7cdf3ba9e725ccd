import { encodeFrame, type Opcode } from '@sockets/frames';
import { captureLogger, useCleanup } from '@sockets/testkit';
import { describe, expect } from 'vitest';
import { type EchoServerOptions, startEchoServer, startWsEchoServer } from '../../src/index.ts';
import { openRawClient, type RawClient } from '../raw-client.ts';

// Every conformance case runs against both servers with the same
// expectations: ws is the reference. The few places where the two differ on
// purpose say so in the case, with `differs`.

export type ServerName = 'ours' | 'ws';

const servers = [
  { name: 'ours', start: startEchoServer },
  { name: 'ws', start: startWsEchoServer },
] as const;

export type Connect = (options?: Partial<EchoServerOptions>) => Promise<RawClient>;

export function forEachServer(body: (connect: Connect, server: ServerName) => void): void {
  const track = useCleanup();
  describe.each(servers)('$name', ({ name, start }) => {
    const connect: Connect = async (options = {}) => {
      const logged = captureLogger(name);
      const server = await start({ host: '127.0.0.1', port: 0, log: logged.log, ...options });
      track(() => server.close());
      const client = await openRawClient(server.url);
      track(() => client.socket.destroy());
      return client;
    };
    body(connect, name);
  });
}

/** A client's frame, masked with a fresh key by lesson 04's encoder. */
export function masked(opcode: Opcode, payload: Buffer | string, fin = true): Buffer[] {
  return encodeFrame(opcode, Buffer.from(payload), { mask: true, fin });
}

/** The next event must be this message. */
export async function expectMessage(
  client: RawClient,
  type: 'text' | 'binary',
  data: Buffer | string,
): Promise<void> {
  const event = await client.next();
  expect(event.kind).toBe('message');
  if (event.kind !== 'message') return;
  expect(event.type).toBe(type);
  // Compared as buffers, so a 16 MiB mismatch does not print 16 MiB.
  expect(event.data.equals(Buffer.from(data))).toBe(true);
}

/** The server fails the connection: a close frame with this code, then TCP ends. */
export async function expectFailure(client: RawClient, code: number): Promise<void> {
  expect((await client.closed()).code).toBe(code);
}
