import { once } from 'node:events';
import { createServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { encodeFrame, Opcode } from '@sockets/frames';
import { handleUpgrade } from '@sockets/handshake';
import { captureLogger, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { startEchoClient } from '../src/index.ts';
import { closeOf, nextMessage, starters, startServer, wsClient } from './helpers.ts';

const track = useCleanup();

describe('our server with a ws client', () => {
  it('echoes text as text and binary as binary', async () => {
    const { server } = await startServer(track);
    const client = await wsClient(track, server.url);
    client.send('hello, server!');
    expect(await nextMessage(client)).toEqual({
      data: Buffer.from('hello, server!'),
      isBinary: false,
    });
    client.send(Buffer.from([0, 1, 2, 255]));
    expect(await nextMessage(client)).toEqual({
      data: Buffer.from([0, 1, 2, 255]),
      isBinary: true,
    });
  });

  it('answers ws pings with pongs carrying the same data', async () => {
    const { server } = await startServer(track);
    const client = await wsClient(track, server.url);
    client.ping('are you there?');
    const [data] = await once(client, 'pong');
    expect(data.toString()).toBe('are you there?');
  });

  it.each([
    [1000, 'bye'],
    [1001, ''],
    [4000, 'private'],
  ])('echoes the close code %i a ws client closes with', async (code, reason) => {
    const { server } = await startServer(track);
    const client = await wsClient(track, server.url);
    client.close(code, reason);
    expect(await closeOf(client)).toEqual({ code, reason });
  });

  it('is told 1009 by ws when it sends more than the client accepts, and goes on serving', async () => {
    const { server, logged } = await startServer(track);
    // ws as a client refuses a message over its maxPayload: the same rule from the other side.
    const client = await wsClient(track, server.url, { maxPayload: 10 });
    client.on('error', () => {});
    client.send('more than ten bytes');
    // ws failed the connection itself, so it reports 1006; it sent us 1009, which we log.
    expect((await closeOf(client)).code).toBe(1006);
    await logged.waitForLine(/closed: 1009 \(message too big\)$/);
    const other = await wsClient(track, server.url);
    other.send('next');
    expect((await nextMessage(other)).data.toString()).toBe('next');
  });
});

describe.each(Object.entries(starters))('our client against the %s server', (_name, start) => {
  it('sends hello, server! until COUNT replies, prints them, and closes with 1000', async () => {
    const { server, logged } = await startServer(track, {}, start);
    const output = captureLogger('client');
    const client = await startEchoClient({
      url: server.url,
      count: 3,
      intervalMs: 5,
      log: output.log,
    });
    track(() => client.close());
    await client.finished;
    expect(output.lines.filter((line) => line.includes('recv:'))).toEqual(
      Array(3).fill('[client] recv: "hello, server!"'),
    );
    expect(output.lines.at(-1)).toBe('[client] closed: 1000 (normal closure) "done"');
    await logged.waitForLine(/closed: 1000.*"done"$/);
  });

  it('ends normally when the server shuts down (1001)', async () => {
    const { server } = await startServer(track, {}, start);
    const output = captureLogger('client');
    const client = await startEchoClient({ url: server.url, intervalMs: 5, log: output.log });
    await output.waitForLine(/recv: "hello, server!"/);
    await server.close();
    await client.finished;
    expect(output.lines.at(-1)).toBe('[client] closed: 1001 (going away) "server shutting down"');
  });
});

describe('our client when things go wrong', () => {
  it('rejects with ECONNREFUSED when no server is listening', async () => {
    const { server } = await startServer(track);
    await server.close();
    await expect(startEchoClient({ url: server.url })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });

  it('rejects with the status when the handshake is refused', async () => {
    const { server } = await startServer(track);
    await expect(startEchoClient({ url: server.url.replace('/echo', '/nope') })).rejects.toThrow(
      /server refused the upgrade: 404 Not Found: no WebSocket endpoint at "\/nope"/,
    );
  });

  it('fails the connection with 1002 when the server masks its frames', async () => {
    // A broken server: a correct handshake, then a masked frame (§5.1: servers MUST NOT mask).
    const url = await handshakeOnly((socket) => {
      socket.write(Buffer.concat(encodeFrame(Opcode.text, Buffer.from('masked!'), { mask: true })));
      socket.resume();
    });
    const output = captureLogger('client');
    const client = await startEchoClient({ url, closeTimeoutMs: 100, log: output.log });
    await expect(client.finished).rejects.toThrow(
      'the server broke the protocol: we closed with 1002 (protocol error): masked server frame',
    );
  });

  it('holds its messages back while the server does not read them', async () => {
    // A server that completes the handshake and then reads nothing at all.
    const url = await handshakeOnly(() => {});
    const output = captureLogger('client');
    // 64 KiB every 5 ms: the OS buffers are full within a second, and then each
    // message sent anyway would wait in the client's memory, without end.
    const client = await startEchoClient({
      url,
      intervalMs: 5,
      text: 'x'.repeat(64 * 1024),
      closeTimeoutMs: 100,
      log: output.log,
    });
    track(() => client.close());
    // That server never answers our close frame either: `finished` rejects with 1006 then.
    client.finished.catch(() => {});
    await output.waitForLine(/the server is not reading: holding messages back until it does$/);
  });
});

/**
 * A server that does lesson 03's handshake on /echo and then hands the socket,
 * not flowing and with no listeners, to `after`. Resolves with its URL.
 */
async function handshakeOnly(after: (socket: Duplex) => void): Promise<string> {
  const server = createServer();
  server.on('upgrade', (request, socket, head) => {
    const policy = {
      paths: ['/echo'],
      protocols: [],
      allowedOrigins: [],
      handshakeTimeoutMs: 1000,
      log: captureLogger().log,
    };
    if (!handleUpgrade(request, socket, head, policy)) return;
    socket.on('error', () => {});
    after(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  track(() => {
    server.closeAllConnections();
    server.close();
  });
  const { port } = server.address() as { port: number };
  return `ws://127.0.0.1:${port}/echo`;
}
