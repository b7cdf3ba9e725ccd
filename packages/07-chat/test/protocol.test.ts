import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { clientHandshake } from '@sockets/handshake';
import { rawFrame, useCleanup, wsReceive } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { joinChat, leave } from './chat-peer.ts';
import { startTestServer } from './chat-server.ts';

const track = useCleanup();

async function join(wsUrl: string, name: string) {
  const peer = await joinChat(wsUrl, name);
  track(() => leave(peer));
  await peer.waitFor((event) => event.type === 'welcome');
  return peer;
}

/** Tries a handshake; resolves with the HTTP status of a refusal, or 101. */
async function handshakeStatus(url: string, origin?: string): Promise<number> {
  const socket = new WebSocket(url, origin === undefined ? {} : { origin });
  socket.on('error', () => {}); // a refusal is reported here too
  const [event, response] = await Promise.race([
    once(socket, 'open').then(() => ['open'] as const),
    once(socket, 'unexpected-response').then(
      ([, res]) => ['refused', res as IncomingMessage] as const,
    ),
  ]);
  if (event === 'refused') return response.statusCode ?? 0;
  socket.close();
  await once(socket, 'close');
  return 101;
}

/** Writes `bytes` on a new TCP connection, never ends it, and resolves with all the server answers. */
async function rawAnswer(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  track(() => socket.destroy());
  socket.write(bytes);
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

/**
 * Joins as `name` with lesson 03's handshake, writes `frames` as they are, and
 * resolves with the close frame the server answers (read with ws's receiver).
 */
async function closeFrameAnswering(wsUrl: string, name: string, frames: Buffer[]) {
  const url = new URL(wsUrl);
  url.searchParams.set('name', name);
  const { socket, head } = await clientHandshake(url);
  track(() => socket.destroy());
  socket.on('error', () => {});
  socket.write(Buffer.concat(frames));
  let received = head;
  for await (const chunk of socket) {
    received = Buffer.concat([received, chunk as Buffer]);
    const close = wsReceive(received, false).find((event) => event.kind === 'close');
    if (close !== undefined) return close;
  }
  throw new Error(`the server hung up on ${name} without a close frame`);
}

const TEXT = 1;
const CONTINUATION = 0;
const PING = 9;
const CLOSE = 8;

describe('what a client sends', () => {
  it('closes a message bigger than MAX_MESSAGE_BYTES with 1009, and no one else notices', async () => {
    const { server, waitForLine } = await startTestServer(track, { maxMessageBytes: 512 });
    const ann = await join(server.url, 'ann');
    const big = await join(server.url, 'big');
    big.socket.send('x'.repeat(512)); // exactly the limit is fine
    await big.waitForTexts(1);
    big.socket.send('x'.repeat(513));
    expect((await big.closed).code).toBe(1009);
    await waitForLine(/big: Max payload size exceeded: closing with 1009/);
    ann.socket.send('still here');
    expect(await ann.waitForTexts(2)).toEqual(['x'.repeat(512), 'still here']);
  });

  it('closes a binary message with 1003: the chat is text', async () => {
    const { server, waitForLine } = await startTestServer(track);
    const ann = await join(server.url, 'ann');
    const robot = await join(server.url, 'robot');
    robot.socket.send(Buffer.from([1, 2, 3]));
    expect(await robot.closed).toEqual({ code: 1003, reason: 'text messages only' });
    await waitForLine(/robot sent a binary message: closing with 1003/);
    expect(await ann.waitFor((event) => event.type === 'leave')).toMatchObject({ name: 'robot' });
    expect(ann.texts).toEqual([]);
  });
});

describe('a frame ws refuses', () => {
  // ws fails the connection (RFC 6455 §7.1.7) with the code that fits the
  // fault; the log must name the code that really went out on the wire.
  it.each([
    ['a length of 2^64 - 1', 1009, [rawFrame({ opcode: TEXT, declaredLength: 2n ** 64n - 1n })]],
    [
      '16,385 fragments of one message',
      1008,
      [
        rawFrame({ opcode: TEXT, fin: false }),
        ...Array.from({ length: 16 * 1024 }, () => rawFrame({ opcode: CONTINUATION, fin: false })),
      ],
    ],
    ['text that is not UTF-8', 1007, [rawFrame({ opcode: TEXT, payload: Buffer.from([0xff]) })]],
    ['an RSV1 bit with no extension', 1002, [rawFrame({ opcode: TEXT, rsv: 4, payload: 'hi' })]],
    ['an unmasked frame', 1002, [rawFrame({ opcode: TEXT, mask: false, payload: 'hi' })]],
  ])('%s: closes with %i and logs that code', async (_case, code, frames) => {
    const { server, waitForLine } = await startTestServer(track);
    expect((await closeFrameAnswering(server.url, 'raw', frames)).code).toBe(code);
    expect(await waitForLine(/^\[chat\] warn: raw: /)).toMatch(
      new RegExp(`: closing with ${code}$`),
    );
  });
});

describe('a ping flood', () => {
  it('is cut off by ws, and the log says why', async () => {
    const { server, lines, waitForLine } = await startTestServer(track);
    const ann = await join(server.url, 'ann');
    const url = new URL(server.url);
    url.searchParams.set('name', 'flood');
    const { socket } = await clientHandshake(url);
    track(() => socket.destroy());
    socket.on('error', () => {});
    // Pings, and never a read: every pong the server owes is still waiting.
    const pings = Array.from({ length: 1000 }, () => rawFrame({ opcode: PING, payload: 'hi' }));
    socket.write(Buffer.concat(pings));
    await waitForLine(/flood disconnected \(1006\)/);
    expect(lines.filter((line) => line.includes('flood'))).toEqual([
      expect.stringMatching(/flood connected from/),
      expect.stringMatching(
        /^\[chat\] warn: flood cut off: it sent pings faster than it read our pongs/,
      ),
      '[chat] flood disconnected (1006)',
    ]);
    ann.socket.send('still here');
    expect(await ann.waitForTexts(1)).toEqual(['still here']);
  });

  it('does not count a ping that comes in after we started closing', async () => {
    const { server, lines, waitForLine } = await startTestServer(track);
    const url = new URL(server.url);
    url.searchParams.set('name', 'late');
    const { socket } = await clientHandshake(url);
    track(() => socket.destroy());
    socket.on('error', () => {});
    await waitForLine(/late connected/);
    // late answers our close frame, as a well-behaved peer does, so it leaves
    // cleanly instead of being dropped after closeTimeoutMs.
    let received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (wsReceive(received, false).some((event) => event.kind === 'close')) {
        socket.write(rawFrame({ opcode: CLOSE }));
      }
    });
    const closing = server.close();
    socket.write(rawFrame({ opcode: PING, payload: 'hi' }));
    await closing;
    expect(lines.filter((line) => line.includes('late'))).toEqual([
      expect.stringMatching(/late connected from/),
      expect.stringMatching(/late disconnected/),
    ]);
  });
});

describe('the handshake', () => {
  it("refuses a foreign Origin with 403, and accepts the page's own and none at all", async () => {
    const { server, waitForLine } = await startTestServer(track);
    expect(await handshakeStatus(server.url, 'http://evil.example')).toBe(403);
    await waitForLine(/refused a WebSocket from origin "http:\/\/evil.example" with 403/);
    expect(await handshakeStatus(server.url, new URL(server.pageUrl).origin)).toBe(101);
    expect(await handshakeStatus(server.url)).toBe(101);
  });

  it('accepts exactly the ALLOWED_ORIGINS when they are given', async () => {
    const { server } = await startTestServer(track, { allowedOrigins: ['https://chat.example'] });
    expect(await handshakeStatus(server.url, 'https://chat.example')).toBe(101);
    expect(await handshakeStatus(server.url, new URL(server.pageUrl).origin)).toBe(403);
  });

  it('answers 408 and hangs up when an upgrade request is not complete within HANDSHAKE_TIMEOUT_MS', async () => {
    const { server } = await startTestServer(track, { handshakeTimeoutMs: 200 });
    // A slowloris: the request's head never ends, so node:http would wait for ever.
    const partial = 'GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n';
    expect(await rawAnswer(server.pageUrl, partial)).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
  });

  it('leaves an upgraded connection alone once the handshake timeout has passed', async () => {
    const { server } = await startTestServer(track, { handshakeTimeoutMs: 100 });
    const ann = await join(server.url, 'ann');
    // A silent neighbour is timed out; by then ann's WebSocket has outlived the timeout too.
    await rawAnswer(server.pageUrl, '');
    ann.socket.send('still here');
    expect(await ann.waitForTexts(1)).toEqual(['still here']);
  });

  it('answers 404 for a WebSocket anywhere but /ws', async () => {
    const { server } = await startTestServer(track);
    expect(await handshakeStatus(new URL('/chat', server.url).href)).toBe(404);
  });

  it('answers 404 to an upgrade at //, a path that is not a URL, and stays up', async () => {
    const { server } = await startTestServer(track);
    const upgrade = 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n';
    const request = `GET // HTTP/1.1\r\nHost: localhost\r\n${upgrade}\r\n`;
    expect(await rawAnswer(server.pageUrl, request)).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    expect(await handshakeStatus(server.url)).toBe(101);
  });

  it('logs a request head that missed the handshake timeout, as lessons 05 and 06 do', async () => {
    const { server, waitForLine } = await startTestServer(track, { handshakeTimeoutMs: 200 });
    expect(await rawAnswer(server.pageUrl, 'GET / HTTP/1.1\r\n')).toMatch(/^HTTP\/1\.1 408 /);
    await waitForLine(/warn: refused \S+: 408 Request Timeout/);
  });

  it('logs a request head that is not HTTP, as lessons 05 and 06 do', async () => {
    const { server, waitForLine } = await startTestServer(track);
    expect(await rawAnswer(server.pageUrl, 'HELLO\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    await waitForLine(/warn: refused \S+: 400 Bad Request/);
  });

  it('serves the chat page at /', async () => {
    const { server } = await startTestServer(track);
    const response = await fetch(server.pageUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<title>Chat');
  });
});

describe('closing', () => {
  it("drops a member that never answers its close frame after closeTimeoutMs (ws's closeTimeout)", async () => {
    const { server, waitForLine } = await startTestServer(track, { closeTimeoutMs: 100 });
    const ann = await join(server.url, 'ann');
    ann.socket.send(Buffer.from('binary'), { binary: true }); // the server closes with 1003
    ann.socket.pause(); // and ann never reads it, so never answers
    // Without closeTimeout ws would hold the socket for its own 30 s.
    await waitForLine(/ann disconnected \(1006\)/);
  });
});

describe('shutting down', () => {
  it('sends everyone 1001 (going away)', async () => {
    const { server } = await startTestServer(track);
    const ann = await join(server.url, 'ann');
    await server.close();
    expect(await ann.closed).toEqual({ code: 1001, reason: 'server shutting down' });
  });

  it('shuts down in closeTimeoutMs even when a member never answers, and says whom it dropped', async () => {
    const { server, waitForLine } = await startTestServer(track, { closeTimeoutMs: 100 });
    const ann = await join(server.url, 'ann');
    ann.socket.pause(); // ann reads nothing more, so our 1001 is never answered
    await server.close();
    await waitForLine(/warn: ann did not close within 100 ms: dropping it/);
  });

  it("closes once: a second close() gets the first one's promise", async () => {
    const { server } = await startTestServer(track);
    const first = server.close();
    expect(server.close()).toBe(first);
    await first;
  });
});
