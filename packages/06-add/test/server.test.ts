import type { Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { ask, closeOf, rawExchange, refusal, startServer, wsClient } from './helpers.ts';

const track = useCleanup();

describe('the add server', () => {
  it('logs one ready line with the port it really got, and serves the page at /', async () => {
    const { server, logged } = await startServer(track);
    const port = new URL(server.url).port;
    expect(port).not.toBe('0');
    expect(server.url).toBe(`ws://localhost:${port}/add`);
    expect(logged.lines.filter((line) => line.includes('listening on'))).toEqual([
      `[add] listening on ${server.url}`,
    ]);
    const response = await fetch(server.pageUrl);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>06 · The add-calculator</title>');
  });

  it('answers {a, b} with {sum} and the seed’s {A, B} with {Sum}', async () => {
    const { server, logged } = await startServer(track);
    const socket = await wsClient(track, server.url);
    expect(await ask(socket, '{"a": 7, "b": 4}')).toEqual({ sum: 11 });
    expect(await ask(socket, '{"A": 7, "B": 4}')).toEqual({ Sum: 11 });
    await logged.waitForLine(/write response \{"Sum":11\} to /);
  });

  it('answers a bad request with an error and keeps the connection open', async () => {
    const { server, logged } = await startServer(track);
    const socket = await wsClient(track, server.url);
    expect(await ask(socket, 'not json')).toEqual({ error: 'request is not valid JSON' });
    expect(await ask(socket, '[7, 4]')).toEqual({
      error: 'request must be a JSON object like {"a": 7, "b": 4}, got an array',
    });
    expect(await ask(socket, '{"a": "7", "b": 4, "id": 2}')).toEqual({
      error: 'a must be a number, got a string',
      id: 2,
    });
    expect(await ask(socket, '{"a": 1e999, "b": 4}')).toEqual({
      error: `a is outside the safe range ±${Number.MAX_SAFE_INTEGER}`,
    });
    expect(await ask(socket, `{"a": ${Number.MAX_SAFE_INTEGER}, "b": 1}`)).toEqual({
      error: `the sum is outside the safe range ±${Number.MAX_SAFE_INTEGER}`,
    });
    // Still open, still answering.
    expect(await ask(socket, '{"a": 1, "b": 2}')).toEqual({ sum: 3 });
    await logged.waitForLine(/warn: bad request from .*: request is not valid JSON/);
  });

  it('closes with 1003 on a binary message', async () => {
    const { server, logged } = await startServer(track);
    const socket = await wsClient(track, server.url);
    socket.send(Buffer.from('{"a": 7, "b": 4}'));
    expect(await closeOf(socket)).toEqual({ code: 1003, reason: 'send JSON as a text message' });
    await logged.waitForLine(/binary message from .*: closing with 1003/);
  });

  it('reads a message of exactly maxMessageBytes and closes with 1009 on one byte more', async () => {
    const { server, logged } = await startServer(track, { maxMessageBytes: 64 });
    const request = (bytes: number) => {
      const base = '{"a": 7, "b": 4, "pad": ""}';
      return base.replace('""', `"${'x'.repeat(bytes - base.length)}"`);
    };
    expect(request(64)).toHaveLength(64);
    const socket = await wsClient(track, server.url);
    expect(await ask(socket, request(64))).toEqual({ sum: 11 });
    socket.send(request(65));
    expect((await closeOf(socket)).code).toBe(1009);
    await logged.waitForLine(/Max payload size exceeded/);
  });

  it('reads 4096 bytes by default (MAX_MESSAGE_BYTES) and no more', async () => {
    const { server } = await startServer(track);
    const socket = await wsClient(track, server.url);
    socket.send(`{"a": 7, "b": 4, "pad": "${'x'.repeat(4097)}"}`);
    expect((await closeOf(socket)).code).toBe(1009);
  });

  it('closes an idle connection with 1001 once the read deadline passes', async () => {
    const { server, logged } = await startServer(track, { readTimeoutMs: 200 });
    const socket = await wsClient(track, server.url);
    expect(await closeOf(socket)).toEqual({ code: 1001, reason: 'no request for 200 ms' });
    const line = await logged.waitForLine(/read message timeout, remote /);
    expect(line).toMatch(/\[add\] read message timeout, remote \S+:\d+$/);
    await logged.waitForLine(/closed: 1001/);
  });

  it('pushes the read deadline back on every message', async () => {
    // What is under test is the clock itself, so this test waits on it: eight
    // requests 100 ms apart span 700 ms, longer than the 500 ms deadline.
    const { server } = await startServer(track, { readTimeoutMs: 500 });
    const socket = await wsClient(track, server.url);
    let lastReply = 0;
    for (let i = 0; i < 8; i += 1) {
      if (i > 0) await delay(100);
      expect(await ask(socket, `{"a": ${i}, "b": 1}`)).toEqual({ sum: i + 1 });
      lastReply = performance.now();
    }
    expect((await closeOf(socket)).code).toBe(1001);
    expect(performance.now() - lastReply).toBeGreaterThanOrEqual(450);
  });

  it('has no read deadline when readTimeoutMs is 0', async () => {
    const { server } = await startServer(track, { readTimeoutMs: 0 });
    const socket = await wsClient(track, server.url);
    await delay(20); // a 0 ms timer, had one been set, has fired by now
    expect(await ask(socket, '{"a": 7, "b": 4}')).toEqual({ sum: 11 });
    expect(socket.readyState).toBe(socket.OPEN);
  });

  it('answers a connection that never sends its request with 408 after the handshake timeout', async () => {
    const { server } = await startServer(track, { handshakeTimeoutMs: 200 });
    const started = performance.now();
    const received = await rawExchange(server.url, '');
    expect(received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('times out a request whose headers never end (a slowloris)', async () => {
    const { server } = await startServer(track, { handshakeTimeoutMs: 200 });
    const partial = 'GET /add HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n';
    expect(await rawExchange(server.url, partial)).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('starts with the handshake timeout turned off (0, as in gorilla)', async () => {
    const { server } = await startServer(track, { handshakeTimeoutMs: 0 });
    const socket = await wsClient(track, server.url);
    expect(await ask(socket, '{"a": 7, "b": 4}')).toEqual({ sum: 11 });
  });

  it('leaves an upgraded connection alone when the handshake timeout passes', async () => {
    const { server } = await startServer(track, { handshakeTimeoutMs: 100 });
    const socket = await wsClient(track, server.url);
    // A silent neighbour is timed out; by then the WebSocket has outlived the timeout too.
    await rawExchange(server.url, '');
    expect(await ask(socket, '{"a": 7, "b": 4}')).toEqual({ sum: 11 });
  });

  it('answers any path but /add with 404 and logs a path error', async () => {
    const { server, logged } = await startServer(track);
    expect(await refusal(server.url.replace('/add', '/sub'))).toEqual({
      status: 404,
      body: 'no WebSocket at /sub: the calculator is at /add\n',
    });
    await logged.waitForLine(/warn: path error: "\/sub" from .*, answered 404/);
  });

  it('accepts /add with a query string', async () => {
    const { server } = await startServer(track);
    const socket = await wsClient(track, `${server.url}?from=test`);
    expect(await ask(socket, '{"a": 7, "b": 4}')).toEqual({ sum: 11 });
  });

  it('answers a malformed handshake with 400 and the version it speaks', async () => {
    const { server, logged } = await startServer(track);
    const request =
      'GET /add HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      'Sec-WebSocket-Version: 13\r\n\r\n';
    const received = await rawExchange(server.url, request);
    expect(received).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(received).toContain('Sec-WebSocket-Version: 13\r\n');
    expect(received).toMatch(/\r\n\r\nMissing or invalid Sec-WebSocket-Key header\n$/);
    await logged.waitForLine(/warn: bad handshake from .*: Missing or invalid Sec-WebSocket-Key/);
  });

  it('logs the handshake request headers, including the seed client’s Cookie', async () => {
    const { server, logged } = await startServer(track);
    await wsClient(track, server.url, { headers: { Cookie: 'name=zcy' } });
    await logged.waitForLine(/handshake request GET "\/add" from /);
    await logged.waitForLine(/^\[add\] {3}Cookie: "name=zcy"$/);
  });
});

describe('the Origin check', () => {
  it('refuses a foreign origin with 403', async () => {
    const { server, logged } = await startServer(track);
    expect(await refusal(server.url, { origin: 'http://evil.example' })).toEqual({
      status: 403,
      body: 'origin http://evil.example is not allowed to use this calculator\n',
    });
    await logged.waitForLine(/warn: origin "http:\/\/evil\.example" refused for .*, answered 403/);
  });

  it('accepts its own page’s origin, and no origin at all (a program, not a browser)', async () => {
    const { server } = await startServer(track);
    const pageOrigin = new URL(server.pageUrl).origin;
    const fromPage = await wsClient(track, server.url, { origin: pageOrigin });
    expect(await ask(fromPage, '{"a": 1, "b": 1}')).toEqual({ sum: 2 });
    const fromProgram = await wsClient(track, server.url);
    expect(await ask(fromProgram, '{"a": 2, "b": 2}')).toEqual({ sum: 4 });
  });

  it('uses allowedOrigins instead of the page origin when given', async () => {
    const { server } = await startServer(track, { allowedOrigins: ['https://calc.example'] });
    const socket = await wsClient(track, server.url, { origin: 'https://calc.example' });
    expect(await ask(socket, '{"a": 7, "b": 4}')).toEqual({ sum: 11 });
    const pageOrigin = new URL(server.pageUrl).origin;
    expect((await refusal(server.url, { origin: pageOrigin })).status).toBe(403);
  });
});

describe('close codes', () => {
  it('logs 1000 and 1001 as normal', async () => {
    const { server, logged } = await startServer(track);
    const done = await wsClient(track, server.url);
    done.close(1000, 'bye');
    await logged.waitForLine(/closed: 1000 "bye"$/);
    const leaving = await wsClient(track, server.url);
    leaving.close(1001);
    await logged.waitForLine(/connection from \S+ closed: 1001$/);
    expect(logged.lines.filter((line) => line.includes('unexpected close'))).toEqual([]);
  });

  it('logs any other code as unexpected, as seed 004’s IsUnexpectedCloseError does', async () => {
    const { server, logged } = await startServer(track);
    const socket = await wsClient(track, server.url);
    socket.close(4000, 'my own reason');
    await logged.waitForLine(
      /warn: read message from \S+ error: unexpected close 4000 "my own reason"/,
    );
    const dropped = await wsClient(track, server.url);
    dropped.terminate(); // no close frame at all: the server sees 1006
    await logged.waitForLine(/warn: read message from \S+ error: unexpected close 1006/);
  });

  it('closes every connection with 1001 when the server closes', async () => {
    const { server, logged } = await startServer(track);
    const sockets = await Promise.all([1, 2, 3].map(() => wsClient(track, server.url)));
    const closes = sockets.map(closeOf);
    await server.close();
    for (const close of await Promise.all(closes)) {
      expect(close).toEqual({ code: 1001, reason: 'server shutting down' });
    }
    expect(logged.lines.filter((line) => line.includes('closed: 1001'))).toHaveLength(3);
  });

  it("closes once: a second close() gets the first one's promise", async () => {
    const { server } = await startServer(track);
    const first = server.close();
    expect(server.close()).toBe(first);
    await first;
  });

  it('shuts down in closeTimeoutMs even when a client never answers, and says whom it dropped', async () => {
    const { server, logged } = await startServer(track, { closeTimeoutMs: 100 });
    const socket = await wsClient(track, server.url);
    socket.pause(); // it reads nothing more, so our 1001 is never answered
    await server.close();
    await logged.waitForLine(/warn: \S+ did not close within 100 ms: dropping it/);
  });

  it("drops a client that never answers its read-deadline close after closeTimeoutMs (ws's closeTimeout)", async () => {
    const { server, logged } = await startServer(track, { readTimeoutMs: 50, closeTimeoutMs: 100 });
    const socket = await wsClient(track, server.url);
    socket.pause();
    // Without closeTimeout ws would hold the socket for its own 30 s.
    await logged.waitForLine(/warn: read message from \S+ error: unexpected close 1006/);
  });

  it('logs a request head that missed the handshake timeout, as lesson 05 does', async () => {
    const { server, logged } = await startServer(track, { handshakeTimeoutMs: 200 });
    expect(await rawExchange(server.url, 'GET / HTTP/1.1\r\n')).toMatch(/^HTTP\/1\.1 408 /);
    await logged.waitForLine(/warn: refused \S+: 408 Request Timeout/);
  });

  it('logs a request head that is not HTTP, as lesson 05 does', async () => {
    const { server, logged } = await startServer(track);
    expect(await rawExchange(server.url, 'HELLO\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    await logged.waitForLine(/warn: refused \S+: 400 Bad Request/);
  });

  it('keeps the server up when a client breaks the protocol', async () => {
    const { server } = await startServer(track);
    const socket = await wsClient(track, server.url);
    // A client frame that is not masked breaks RFC 6455 §5.1; ws closes with 1002.
    const raw = (socket as unknown as { _socket: Socket })._socket;
    raw.write(Buffer.from([0x81, 0x02, 0x68, 0x69]));
    expect((await closeOf(socket)).code).toBe(1002);
    const next = await wsClient(track, server.url);
    expect(await ask(next, '{"a": 7, "b": 4}')).toEqual({ sum: 11 });
  });
});
