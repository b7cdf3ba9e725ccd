import { once } from 'node:events';
import { createServer } from 'node:net';
import { errorCode, explainError, listen } from '@sockets/shared';
import { captureLogger, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { startAddClient } from '../src/client.ts';
import { startServer } from './helpers.ts';

const track = useCleanup();

describe('the add client', () => {
  it('prints the handshake headers, sends COUNT requests, prints each sum and closes with 1000', async () => {
    const { server, logged: serverLog } = await startServer(track);
    const { log, lines } = captureLogger('client');
    const client = await startAddClient({ url: server.url, count: 3, intervalMs: 1, log });
    track(() => client.close());
    await client.done;
    expect(lines.slice(0, 4)).toEqual([
      '[client] handshake response header',
      '[client]   Upgrade: "websocket"',
      '[client]   Connection: "Upgrade"',
      expect.stringMatching(/^\[client\] {3}Sec-WebSocket-Accept: "[A-Za-z0-9+/]{27}="$/),
    ]);
    expect(lines.slice(4)).toEqual(
      [...Array(3).fill(['[client] write request {"A":7,"B":4}', '[client] receive response: 11'])]
        .flat()
        .concat('[client] closed: 1000 "done"'),
    );
    await serverLog.waitForLine(/^\[add\] {3}Cookie: "name=zcy"$/);
    await serverLog.waitForLine(/closed: 1000 "done"/);
  });

  it('prints an error reply instead of a sum', async () => {
    const { server } = await startServer(track);
    const { log, lines } = captureLogger('client');
    const a = Number.MAX_SAFE_INTEGER;
    const client = await startAddClient({ url: server.url, count: 1, intervalMs: 1, a, b: 1, log });
    track(() => client.close());
    await client.done;
    expect(lines).toContain(
      `[client] warn: receive error: "the sum is outside the safe range ±${Number.MAX_SAFE_INTEGER}"`,
    );
  });

  it('takes one reply per request, and ignores (with a warning) the ones nobody asked for', async () => {
    // A server that answers the first request a thousand times, and the others once.
    let requests = 0;
    const url = await fakeServer((socket) => {
      requests += 1;
      for (let i = 0; i < (requests === 1 ? 1000 : 1); i += 1) socket.send('{"Sum":11}');
    });
    const { log, lines } = captureLogger('client');
    const client = await startAddClient({ url, count: 3, intervalMs: 1, log });
    track(() => client.close());
    await client.done;
    expect(requests).toBe(3);
    expect(lines.filter((line) => line.includes('receive response: 11'))).toHaveLength(3);
    expect(lines.filter((line) => line.includes('a reply to no request'))).toHaveLength(999);
  });

  it('reads no reply bigger than maxMessageBytes: ws closes with 1009', async () => {
    const url = await fakeServer((socket) => socket.send(`{"Sum":11,"pad":"${'x'.repeat(4096)}"}`));
    const { log, lines } = captureLogger('client');
    const client = await startAddClient({ url, count: 3, intervalMs: 1, log });
    track(() => client.close());
    await expect(client.done).rejects.toThrow('Max payload size exceeded');
    expect(lines).toContain('[client] warn: connection error: Max payload size exceeded');
    expect(lines.filter((line) => line.includes('receive'))).toEqual([]);
  });

  it('stops early and closes with 1000 when closed', async () => {
    const { server, logged } = await startServer(track);
    const client = await startAddClient({
      url: server.url,
      count: 10,
      intervalMs: 60_000,
      log: captureLogger('client').log,
    });
    await logged.waitForLine(/write response/);
    await client.close();
    await expect(client.done).resolves.toBeUndefined();
    await logged.waitForLine(/closed: 1000 "done"/);
  });

  it('reports the server ending the connection', async () => {
    const { server } = await startServer(track);
    const client = await startAddClient({
      url: server.url,
      intervalMs: 60_000,
      log: captureLogger('client').log,
    });
    track(() => client.close());
    await server.close();
    await expect(client.done).rejects.toThrow(
      'the server ended the connection: 1001 "server shutting down"',
    );
  });

  it('prints the HTTP status and body when the server refuses the upgrade', async () => {
    const { server } = await startServer(track);
    const attempt = startAddClient({
      url: server.url.replace('/add', '/nowhere'),
      log: captureLogger('client').log,
    });
    await expect(attempt).rejects.toThrow(
      'dial server error: HTTP 404 Not Found: no WebSocket at /nowhere: the calculator is at /add',
    );
  });

  it('explains a refused connection', async () => {
    // A port that was free a moment ago: nothing listens there now.
    const probe = createServer();
    const port = await listen(probe, 'localhost', 0);
    await new Promise((resolve) => probe.close(resolve));
    const error = await startAddClient({
      url: `ws://localhost:${port}/add`,
      log: captureLogger('client').log,
    }).catch((caught: unknown) => caught);
    expect(errorCode(error)).toBe('ECONNREFUSED');
    expect(explainError(error)).toMatch(/^connection refused by .*nothing is listening there/);
  });

  it('gives up after handshakeTimeoutMs when the server never answers the upgrade', async () => {
    // A TCP server that accepts and then says nothing, like a stuck proxy.
    const silent = createServer();
    const port = await listen(silent, 'localhost', 0);
    track(() => new Promise((resolve) => silent.close(resolve)));
    silent.on('connection', (socket) => track(() => socket.destroy()));
    const attempt = startAddClient({
      url: `ws://localhost:${port}/add`,
      handshakeTimeoutMs: 100,
      log: captureLogger('client').log,
    });
    await expect(attempt).rejects.toThrow('Opening handshake has timed out');
  });
});

/** A ws server that hands each message it gets to `onMessage`. Resolves with its URL. */
async function fakeServer(onMessage: (socket: WebSocket) => void): Promise<string> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  track(() => new Promise((resolve) => server.close(resolve)));
  await once(server, 'listening');
  server.on('connection', (socket) => socket.on('message', () => onMessage(socket)));
  const { port } = server.address() as { port: number };
  return `ws://127.0.0.1:${port}/add`;
}
