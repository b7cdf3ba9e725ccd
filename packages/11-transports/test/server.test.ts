import { once } from 'node:events';
import { connect } from 'node:net';
import { useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { fetchRaw, startServer } from './helpers.ts';

const track = useCleanup();

/** A raw TCP connection to the server, so that a test knows every byte that went each way. */
async function rawConnection(url: string) {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  track(() => socket.destroy());
  await once(socket, 'connect');
  let received = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
  });
  return {
    socket,
    /** Everything received so far. */
    received: () => received,
    /** Sends `text` and waits until `received()` holds `bytes` bytes or more. */
    async send(text: string, until: (received: Buffer) => boolean) {
      socket.write(text);
      await expect.poll(() => until(received)).toBe(true);
    },
  };
}

/** A whole HTTP response at the start of `bytes`: its head, and a body of Content-Length. */
function responseComplete(bytes: Buffer, already = 0): boolean {
  const text = bytes.subarray(already).toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  if (end === -1) return false;
  const length = Number(/content-length: (\d+)/i.exec(text.slice(0, end))?.[1] ?? 0);
  return text.length >= end + 4 + length;
}

describe('the byte counters', () => {
  it("count each poll's request and answer exactly, and leave other requests out", async () => {
    const { server } = await startServer(track);
    const raw = await rawConnection(server.url);
    const poll = 'GET /poll?after=0 HTTP/1.1\r\nHost: test\r\n\r\n';
    await raw.send(poll, (bytes) => responseComplete(bytes));
    const first = raw.received().length;
    expect(raw.received().toString()).toMatch(/^HTTP\/1\.1 204 No Content\r\n/);
    await expect
      .poll(() => server.stats().transports.poll)
      .toEqual({
        requests: 1,
        bytesUp: poll.length,
        bytesDown: first,
        updates: 0,
      });

    // The same keep-alive connection asks for /stats: not a transport's cost.
    await raw.send('GET /stats HTTP/1.1\r\nHost: test\r\n\r\n', (b) => responseComplete(b, first));
    const second = raw.received().length;
    server.ticker.tick();
    await raw.send(poll, (bytes) => responseComplete(bytes, second));
    const third = raw.received().length - second;
    expect(raw.received().subarray(second).toString()).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    await expect
      .poll(() => server.stats().transports.poll)
      .toEqual({
        requests: 2,
        bytesUp: 2 * poll.length,
        bytesDown: first + third,
        updates: 1,
      });
  });

  it("count a WebSocket's handshake and frames exactly", async () => {
    const { server, waitForLine } = await startServer(track);
    const raw = await rawConnection(server.url);
    const handshake = [
      'GET /ws HTTP/1.1',
      'Host: test',
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n');
    await raw.send(handshake, (bytes) => bytes.includes('\r\n\r\n'));
    await waitForLine(/opened a WebSocket/);
    const head = raw.received().length;
    server.ticker.tick();
    await expect.poll(() => raw.received().length).toBeGreaterThan(head);
    const frame = raw.received().subarray(head);
    // An unmasked text frame (0x81) with a 7-bit length: the tick's JSON, and 2 bytes more.
    expect(frame[0]).toBe(0x81);
    expect(frame.length).toBe(2 + frame[1]!);
    expect(server.stats().transports.ws).toEqual({
      requests: 1,
      bytesUp: handshake.length,
      bytesDown: raw.received().length,
      updates: 1,
    });
  });
});

describe('requests the server does not serve', () => {
  it('answers each with its status and a line that says why', async () => {
    const { server, waitForLine } = await startServer(track);
    const at = (path: string) => new URL(path, server.url).href;
    expect(await fetchRaw(at('/nothing-here'))).toMatchObject({ status: 404 });
    expect(await fetchRaw(at('/ws'))).toMatchObject({
      status: 426,
      body: '426 /ws speaks WebSocket only\n',
    });
    const bad = await fetchRaw(at('/long-poll?after=%1B[2J'));
    expect(bad).toMatchObject({
      status: 400,
      body: '400 after must be a tick number (0, 1, 2 …), got "\\u001b[2J"\n',
    });
    // The peer's text reaches the log quoted, its ESC escaped.
    const line = await waitForLine(/refused .* 400 after must be/);
    expect(line).not.toContain('\u001b');
    const posted = await fetch(at('/poll'), { method: 'POST' });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET');
  });

  it('refuses a WebSocket from another origin (403) or with a bad `after` (400)', async () => {
    const { server } = await startServer(track);
    const wsUrl = new URL('/ws', server.url.replace('http', 'ws'));
    const status = (url: URL, origin?: string) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(url, origin === undefined ? {} : { origin });
        socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        socket.on('error', () => {});
        socket.on('open', () => {
          resolve(101);
          socket.close();
        });
      });
    expect(await status(wsUrl, 'http://evil.example')).toBe(403);
    expect(await status(new URL('?after=soon', wsUrl))).toBe(400);
    expect(await status(wsUrl, new URL(server.url).origin)).toBe(101);
  });
});

describe('MAX_STREAMS', () => {
  it('holds at most that many WebSockets: the next is refused 503, until one closes', async () => {
    const { server, waitForLine } = await startServer(track, { maxStreams: 1 });
    const wsUrl = new URL('/ws', server.url.replace('http', 'ws'));
    const first = new WebSocket(wsUrl);
    track(() => first.terminate());
    await once(first, 'open');

    const second = new WebSocket(wsUrl);
    second.on('error', () => {});
    const [, refused] = await once(second, 'unexpected-response');
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    await waitForLine(/warn: refused a WebSocket from 127\.0\.0\.1:\d+: 1 already open \(503\)/);

    first.close();
    await waitForLine(/closed its WebSocket/);
    const third = new WebSocket(wsUrl);
    track(() => third.terminate());
    await once(third, 'open');
  });
});

describe('shutting down', () => {
  it('answers held polls 503, ends event streams, and closes WebSockets with 1001', async () => {
    const { server, waitForLine } = await startServer(track);
    const held = fetchRaw(new URL('/long-poll', server.url).href);
    const stream = fetchRaw(new URL('/events', server.url).href);
    const socket = new WebSocket(new URL('/ws', server.url.replace('http', 'ws')));
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await once(socket, 'open');
    await waitForLine(/opened an event stream/);
    await expect.poll(() => server.longPolls.held).toBe(1);

    await server.close();
    expect(await held).toMatchObject({ status: 503 });
    expect((await stream).body).toBe('retry: 2000\n\n');
    expect(await closed).toBe(1001);
  });
});
