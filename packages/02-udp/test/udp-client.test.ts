import type { Socket } from 'node:dgram';
import { errorCode, explainError } from '@sockets/shared';
import { captureLogger, useCleanup } from '@sockets/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { UdpClientOptions } from '../src/options.ts';
import { startUdpServer } from '../src/server.ts';
import { NoReplyError, openUdpClient } from '../src/udp-client.ts';
import { closeRawSocket, nextDatagrams, openRawSocket } from './helpers.ts';

const track = useCleanup();

async function startServer(dropFirst = 0) {
  const server = await startUdpServer({
    host: 'localhost',
    port: 0,
    dropFirst,
    log: captureLogger('udp-server').log,
  });
  track(() => server.close());
  return server;
}

/** A bound socket that never answers: to a client it looks like a lost datagram every time. */
async function silentServer(): Promise<Socket> {
  const socket = await openRawSocket();
  track(() => closeRawSocket(socket));
  return socket;
}

async function openClient(port: number, options: UdpClientOptions = {}) {
  const captured = captureLogger('udp-client');
  const client = await openUdpClient({
    port,
    log: captured.log,
    ...options,
  });
  track(() => client.close());
  return { client, ...captured };
}

describe('openUdpClient', () => {
  it('sends a request and resolves with its echo', async () => {
    const server = await startServer();
    const { client, lines } = await openClient(server.port);
    const reply = await client.request(Buffer.from('hello, server! #1'));
    expect(reply.toString()).toBe('hello, server! #1');
    expect(lines).toEqual([`[udp-client] sent 17 bytes to ${server.url} (try 1 of 4)`]);
  });

  it('sends again after READ_TIMEOUT_MS when the first datagram is lost', async () => {
    const server = await startServer(1);
    const { client, lines } = await openClient(server.port, { readTimeoutMs: 100 });
    const reply = await client.request(Buffer.from('hello, server! #1'));
    expect(reply.toString()).toBe('hello, server! #1');
    expect(lines.slice(0, 3)).toEqual([
      `[udp-client] sent 17 bytes to ${server.url} (try 1 of 4)`,
      '[udp-client] warn: no reply within 100 ms',
      `[udp-client] sent 17 bytes to ${server.url} (try 2 of 4)`,
    ]);
  });

  it('gives up after exactly RETRIES + 1 tries when nothing ever answers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3 }), async (retries) => {
        const silent = await silentServer();
        const arrived = nextDatagrams(silent, retries + 1);
        const { client, lines } = await openClient(silent.address().port, {
          readTimeoutMs: 10,
          retries,
        });
        const error = await client.request(Buffer.from('anyone there?')).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(NoReplyError);
        expect((error as NoReplyError).tries).toBe(retries + 1);
        expect((error as Error).message).toMatch(
          new RegExp(`^no reply from udp://localhost:\\d+ after ${retries + 1} tries, 10 ms each`),
        );
        expect(lines.filter((line) => line.includes(' sent '))).toHaveLength(retries + 1);
        expect(await arrived).toHaveLength(retries + 1);
        await client.close();
      }),
      { numRuns: 8 },
    );
  });

  it('ignores a datagram that is not the reply to the request it waits for', async () => {
    const impostor = await silentServer();
    impostor.on('message', (data, from) => {
      impostor.send('a late reply to an earlier message', from.port, from.address);
      impostor.send(data, from.port, from.address);
    });
    const { client, lines } = await openClient(impostor.address().port);
    const reply = await client.request(Buffer.from('hello, server! #2'));
    expect(reply.toString()).toBe('hello, server! #2');
    expect(lines).toContain(
      '[udp-client] warn: ignored a datagram that answers no waiting request: "a late reply to an earlier message"',
    );
  });

  it('fails with a clear EMSGSIZE message for more than 65,507 bytes, and does not retry', async () => {
    const server = await startServer();
    const { client, lines } = await openClient(server.port);
    const error = await client.request(Buffer.alloc(65_508)).catch((e: unknown) => e);
    expect(errorCode(error)).toBe('EMSGSIZE');
    expect(explainError(error)).toBe(
      `message too long for one datagram to localhost:${server.port}: a UDP datagram carries at most 65,507 bytes of data over IPv4. Split it, or use TCP. (EMSGSIZE)`,
    );
    expect(lines).toEqual([]);
    const reply = await client.request(Buffer.alloc(65_507, 'u'));
    expect(reply.length).toBe(65_507);
  });

  // Linux reports the ICMP "port unreachable" to a connected UDP socket.
  it('fails with ECONNREFUSED when nothing listens on the port', async () => {
    const closed = await openRawSocket();
    const port = closed.address().port;
    await closeRawSocket(closed);
    const { client } = await openClient(port);
    const error = await client.request(Buffer.from('hello?')).catch((e: unknown) => e);
    expect(errorCode(error)).toBe('ECONNREFUSED');
    expect(explainError(error)).toMatch(
      new RegExp(`^connection refused by localhost:${port}: nothing is listening there`),
    );
  });

  it('refuses a second request while one is waiting', async () => {
    const silent = await silentServer();
    const { client } = await openClient(silent.address().port, { readTimeoutMs: 50, retries: 0 });
    const first = client.request(Buffer.from('first'));
    await expect(client.request(Buffer.from('second'))).rejects.toThrow(/one request at a time/);
    await expect(first).rejects.toBeInstanceOf(NoReplyError);
  });
});
