import { EventEmitter, once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { listen } from '@sockets/shared';
import { captureLogger, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import {
  type AcceptedHandshake,
  type ServerHandshakeOptions,
  serverHandshake,
} from '../src/index.ts';
import {
  closeWithSockets,
  connectTo,
  exchange,
  readUntilClosed,
  requestText,
  seedFields,
  statusOf,
  withHeader,
} from './helpers.ts';

const track = useCleanup();

/** A node:net server that runs serverHandshake on every connection. */
async function rawServer(changes: Partial<ServerHandshakeOptions> = {}) {
  const captured = captureLogger('handshake');
  const results = new EventEmitter();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    results.emit('connection', socket);
    serverHandshake(socket, {
      paths: ['/chat'],
      protocols: ['chat', 'superchat'],
      allowedOrigins: ['http://example.com'],
      handshakeTimeoutMs: 5000,
      maxHeaderBytes: 8192,
      log: captured.log,
      ...changes,
    }).then((result) => results.emit('result', result));
  });
  const port = await listen(server, '127.0.0.1', 0);
  track(() => closeWithSockets(server, sockets));
  return {
    port,
    ...captured,
    /** The next handshake's outcome: call it before the client connects. */
    nextResult: () =>
      once(results, 'result').then(([result]) => result as AcceptedHandshake<Socket> | undefined),
    nextConnection: () => once(results, 'connection').then(([socket]) => socket as Socket),
  };
}

describe('serverHandshake on a raw socket', () => {
  it("answers seed 000's request with 101 and seed 000's accept value", async () => {
    const server = await rawServer();
    const result = server.nextResult();
    const client = await connectTo(server.port);
    track(() => client.destroy());
    client.write(requestText(seedFields));
    const [response] = (await once(client, 'data')) as [Buffer];
    expect(response.toString()).toBe(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Accept: HSmrc0sMlYUkAGmm5OPpG2HaGWk=\r\nSec-WebSocket-Protocol: chat\r\n\r\n',
    );
    expect(await result).toMatchObject({ path: '/chat', protocol: 'chat', head: Buffer.alloc(0) });
    await server.waitForLine(/upgraded to WebSocket on \/chat \(subprotocol chat\)/);
  });

  it('keeps a frame sent right behind the request, and loses nothing sent later', async () => {
    const server = await rawServer();
    const result = server.nextResult();
    const client = await connectTo(server.port);
    track(() => client.destroy());
    const first = Buffer.from([0x81, 0x82, 1, 2, 3, 4, 0x69 ^ 1, 0x21 ^ 2]);
    client.write(Buffer.concat([Buffer.from(requestText(seedFields)), first]));
    const accepted = await result;
    expect(accepted?.head).toEqual(first);

    // The socket is handed over neither flowing nor paused: what arrives
    // before the frame layer listens waits in it.
    expect(accepted?.socket.readableFlowing).toBe(null);
    client.write('later');
    await once(client, 'data'); // the 101: the server has answered
    const [later] = (await once(accepted!.socket, 'data')) as [Buffer];
    expect(later.toString()).toBe('later');
  });

  it('reads a request that arrives one byte at a time', async () => {
    const server = await rawServer();
    const result = server.nextResult();
    const client = await connectTo(server.port);
    track(() => client.destroy());
    for (const byte of Buffer.from(requestText(seedFields))) client.write(Buffer.from([byte]));
    expect((await result)?.protocol).toBe('chat');
  });

  const refusals: [string, string, number][] = [
    ['a POST', requestText(seedFields, 'POST /chat HTTP/1.1'), 405],
    ['HTTP/1.0', requestText(seedFields, 'GET /chat HTTP/1.0'), 400],
    ['HTTP/2.0 as text', requestText(seedFields, 'GET /chat HTTP/2.0'), 505],
    ['an unknown path', requestText(seedFields, 'GET /nope HTTP/1.1'), 404],
    ['no Host', requestText(withHeader('Host', undefined)), 400],
    ['no Upgrade', requestText(withHeader('Upgrade', undefined)), 400],
    ['Connection: keep-alive', requestText(withHeader('Connection', 'keep-alive')), 400],
    ['version 8', requestText(withHeader('Sec-WebSocket-Version', '8')), 426],
    ['a short key', requestText(withHeader('Sec-WebSocket-Key', 'c2hvcnQ=')), 400],
    ['a foreign Origin', requestText(withHeader('Origin', 'http://evil.example')), 403],
    ['a malformed header', requestText([...seedFields, ['Bad Name', 'x']]), 400],
    ['bytes that are not HTTP', '\x16\x03\x01\x02\x00\x01\x00\r\n\r\n', 400],
  ];
  for (const [what, request, status] of refusals) {
    it(`refuses ${what} with ${status}, says why, closes and logs it`, async () => {
      const server = await rawServer();
      const response = await exchange(server.port, request);
      expect(statusOf(response)).toBe(status);
      const [head = '', body = ''] = response.split('\r\n\r\n');
      expect(head).toMatch(/\r\nContent-Type: text\/plain; charset=utf-8\r\n/);
      expect(head).toMatch(/\r\nConnection: close(\r\n|$)/);
      expect(head).toContain(`\r\nContent-Length: ${Buffer.byteLength(body)}`);
      expect(body.length).toBeGreaterThan(1);
      if (status === 426) expect(head).toMatch(/\r\nSec-WebSocket-Version: 13(\r\n|$)/);
      if (status === 405) expect(head).toMatch(/\r\nAllow: GET(\r\n|$)/);
      await server.waitForLine(new RegExp(`warn: refused 127\\.0\\.0\\.1:\\d+: ${status} `));
    });
  }

  it('refuses a head longer than maxHeaderBytes with 431', async () => {
    const server = await rawServer({ maxHeaderBytes: 1024 });
    const request = requestText([...seedFields, ['Cookie', 'x'.repeat(2000)]]);
    expect(statusOf(await exchange(server.port, request))).toBe(431);
    await server.waitForLine(/refused .*: 431 Request Header Fields Too Large/);
  });

  it('answers a silent client with 408 and closes, after handshakeTimeoutMs', async () => {
    const server = await rawServer({ handshakeTimeoutMs: 100 });
    const started = Date.now();
    const client = await connectTo(server.port);
    expect(statusOf(await readUntilClosed(client))).toBe(408);
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    await server.waitForLine(/408 Request Timeout: no complete request within 100 ms/);
  });

  it('cuts off a client that trickles bytes forever: the deadline is total, not idle', async () => {
    const server = await rawServer({ handshakeTimeoutMs: 150 });
    const client = await connectTo(server.port);
    const trickle = setInterval(() => client.write('G'), 10);
    track(() => clearInterval(trickle));
    expect(statusOf(await readUntilClosed(client))).toBe(408);
  });

  it('cuts off a refused client that neither reads nor closes', async () => {
    const server = await rawServer({ handshakeTimeoutMs: 100 });
    const connection = server.nextConnection();
    const client = await connectTo(server.port);
    track(() => client.destroy());
    const serverSide = await connection;
    // The client never ends its side, and keeps the response unread.
    client.pause();
    client.write(requestText(seedFields, 'GET /nope HTTP/1.1'));
    await once(serverSide, 'close');
  });

  it('logs a client that leaves halfway through its request', async () => {
    const server = await rawServer();
    const result = server.nextResult();
    const client = await connectTo(server.port);
    client.end('GET /chat HTTP/1.1\r\nHost: a\r\n');
    expect(await result).toBeUndefined();
    await server.waitForLine(/left before finishing its request/);
  });
});
