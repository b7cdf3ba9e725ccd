import { Opcode } from '@sockets/frames';
import { clientHandshake } from '@sockets/handshake';
import { rawFrame, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { startWsEchoServer } from '../src/index.ts';
import { masked } from './conformance/servers.ts';
import { closeOf, nextMessage, starters, startServer, wsClient } from './helpers.ts';
import { openRawClient } from './raw-client.ts';

const track = useCleanup();

describe.each(Object.entries(starters))('%s server', (_name, start) => {
  it('serves the page at / and answers a plain GET /echo with 426 Upgrade Required', async () => {
    const { server } = await startServer(track, {}, start);
    const page = await fetch(server.pageUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('new WebSocket(url)');
    const plain = await fetch(server.pageUrl.replace(/\/$/, '/echo'));
    expect(plain.status).toBe(426);
    expect(plain.headers.get('upgrade')).toBe('websocket');
  });

  it('accepts its own page origin and clients without Origin, refuses others with 403', async () => {
    const { server } = await startServer(track, {}, start);
    const pageOrigin = new URL(server.pageUrl).origin;
    await wsClient(track, server.url, { origin: pageOrigin });
    await wsClient(track, server.url);
    await expect(clientHandshake(server.url, { origin: 'http://evil.example' })).rejects.toThrow(
      /refused the upgrade: 403 Forbidden/,
    );
  });

  it('takes its allow list from allowedOrigins', async () => {
    const { server } = await startServer(track, { allowedOrigins: ['http://good.example'] }, start);
    await wsClient(track, server.url, { origin: 'http://good.example' });
    const own = new URL(server.pageUrl).origin;
    await expect(clientHandshake(server.url, { origin: own })).rejects.toThrow(/403 Forbidden/);
  });

  it('closes an idle connection with 1001 after idleTimeoutMs', async () => {
    // 400 ms, not less: the one message must be read before the timer runs out,
    // even on a loaded CI machine.
    const { server } = await startServer(track, { idleTimeoutMs: 400 }, start);
    const client = await wsClient(track, server.url);
    client.send('one message, then silence');
    await nextMessage(client);
    expect(await closeOf(client)).toEqual({ code: 1001, reason: 'idle timeout' });
  });

  it('sends 1001 to every client on close() and resolves once they have answered', async () => {
    const { server } = await startServer(track, {}, start);
    const clients = [await wsClient(track, server.url), await wsClient(track, server.url)];
    const closed = clients.map(closeOf);
    await server.close();
    for (const close of closed) {
      expect(await close).toEqual({ code: 1001, reason: 'server shutting down' });
    }
  });

  it("closes once: a second close() gets the first one's promise", async () => {
    const { server } = await startServer(track, {}, start);
    const first = server.close();
    expect(server.close()).toBe(first);
    await first;
  });

  it('shuts down in closeTimeoutMs even when a client never answers, and says whom it dropped', async () => {
    const { server, logged } = await startServer(track, { closeTimeoutMs: 100 }, start);
    const client = await openRawClient(server.url);
    track(() => client.socket.destroy());
    await server.close();
    expect(await client.next()).toMatchObject({ kind: 'close', code: 1001 });
    expect(await client.next()).toEqual({ kind: 'end' });
    await logged.waitForLine(/127\.0\.0\.1:\d+ did not close within 100 ms: dropping it/);
  });

  it("quotes the peer's text in its log, so a message or close reason cannot forge a line", async () => {
    // LOG_LEVEL=debug is the default: each message is logged (ours) or ignored (ws's twin).
    const { server, logged } = await startServer(track, {}, start);
    const client = await wsClient(track, server.url);
    client.send('\x1b[2Jhi\n[echo] admin connected');
    await nextMessage(client);
    client.close(4000, 'bye\n[echo] forged line');
    await closeOf(client);
    await logged.waitForLine(/closed: /);
    expect(logged.lines.filter((line) => line.startsWith('[echo] admin'))).toEqual([]);
    expect(logged.lines.filter((line) => line.startsWith('[echo] forged'))).toEqual([]);
    expect(logged.lines.join('\n')).not.toContain('\x1b');
    expect(logged.lines.at(-1)).toContain('"bye\\n[echo] forged line"');
  });

  it('keeps echoing to others while one connection fails', async () => {
    const { server } = await startServer(track, {}, start);
    const good = await wsClient(track, server.url);
    const bad = await openRawClient(server.url);
    track(() => bad.socket.destroy());
    bad.write(masked(Opcode.text, Buffer.from([0xff])));
    expect((await bad.closed()).code).toBe(1007);
    good.send('still here');
    expect((await nextMessage(good)).data.toString()).toBe('still here');
  });
});

describe('our server', () => {
  it('logs each message like the seed, and a long one cut short with its size', async () => {
    const { server, logged } = await startServer(track);
    const client = await wsClient(track, server.url);
    client.send('hello, server!');
    client.send('y'.repeat(100_000));
    client.send(Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    await logged.waitForLine(/recv: <binary/);
    const received = logged.lines.filter((line) => line.includes('recv:'));
    expect(received).toEqual([
      '[echo] recv: "hello, server!"',
      `[echo] recv: "${'y'.repeat(64)}"… (100000 bytes)`,
      '[echo] recv: <binary deadbeef> (4 bytes)',
    ]);
  });

  it('logs the code and reason a client closes with', async () => {
    const { server, logged } = await startServer(track);
    const client = await wsClient(track, server.url);
    client.close(4001, 'see you');
    await closeOf(client);
    await logged.waitForLine(/closed: 4001 \(private use\) "see you"$/);
    expect(server.connections.size).toBe(0);
  });

  it('drops a client that never answers its close frame after closeTimeoutMs', async () => {
    const { server, logged } = await startServer(track, { idleTimeoutMs: 50, closeTimeoutMs: 100 });
    const client = await openRawClient(server.url);
    track(() => client.socket.destroy());
    // The server closes for idleness; the raw client never sends its close frame.
    expect(await client.next()).toMatchObject({ kind: 'close', code: 1001 });
    expect(await client.next()).toEqual({ kind: 'end' });
    await logged.waitForLine(/did not close within 100 ms: dropping it/);
    await logged.waitForLine(/closed: 1001 .* from us, 1006 \(abnormal closure\) from the peer$/);
  });

  it('reports a client that drops TCP without a close frame as 1006', async () => {
    const { server, logged } = await startServer(track);
    const client = await openRawClient(server.url);
    client.socket.end();
    await logged.waitForLine(/closed TCP without a close frame/);
    await logged.waitForLine(/closed: 1006 \(abnormal closure\)$/);
    expect(server.connections.size).toBe(0);
  });

  it('logs why it failed a connection', async () => {
    const { server, logged } = await startServer(track);
    const client = await openRawClient(server.url);
    track(() => client.socket.destroy());
    client.write(rawFrame({ opcode: Opcode.ping, fin: false }));
    await client.closed();
    await logged.waitForLine(
      /failing 127\.0\.0\.1:\d+: 1002 \(protocol error\): fragmented ping frame/,
    );
  });

  it('stops reading from a client that does not read its echoes, and resumes when it does', async () => {
    const { server, logged } = await startServer(track);
    const client = await openRawClient(server.url);
    track(() => client.socket.destroy());
    // The client writes 32 MiB of messages and reads none of the echoes.
    client.socket.pause();
    const count = 128;
    const payload = Buffer.alloc(256 * 1024, 7);
    const frame = Buffer.concat(masked(Opcode.binary, payload));
    for (let i = 0; i < count; i++) client.socket.write(frame);
    const [connection] = server.connections;
    const echoed = () => logged.lines.filter((line) => line.includes('recv:')).length;

    // Wait until the server has stopped: paused, and no new message between two looks.
    let before = -1;
    await expect
      .poll(
        () => {
          const now = echoed();
          const stalled = connection!.readingPaused && now === before;
          before = now;
          return stalled;
        },
        { interval: 100, timeout: 20_000 },
      )
      .toBe(true);
    // It holds only what TCP's buffers hold, not the 32 MiB the client sent.
    expect(echoed()).toBeLessThan(count);

    client.socket.resume();
    for (let i = 0; i < count; i++) {
      const event = await client.next();
      expect(event.kind === 'message' && event.data.equals(payload)).toBe(true);
    }
    expect(echoed()).toBe(count);
  });
});

describe('the ws twin', () => {
  it("drops a client that never answers an idle close after closeTimeoutMs (ws's closeTimeout)", async () => {
    const { server } = await startServer(
      track,
      { idleTimeoutMs: 50, closeTimeoutMs: 100 },
      startWsEchoServer,
    );
    const client = await openRawClient(server.url);
    track(() => client.socket.destroy());
    // Without closeTimeout ws would hold the socket for its own 30 s.
    expect(await client.next()).toMatchObject({ kind: 'close', code: 1001 });
    expect(await client.next()).toEqual({ kind: 'end' });
  });
});
