import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { listen, servePage } from '@sockets/shared';
import { captureLogger, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type AcceptedHandshake, clientHandshake, handleUpgrade } from '../src/index.ts';
import { connectTo, exchange, requestText, seedFields, statusOf, withHeader } from './helpers.ts';

const track = useCleanup();

/**
 * What lesson 05 does: one node:http server, a page at `/` and WebSockets at
 * `/chat` through the `upgrade` event.
 */
async function httpServer() {
  const captured = captureLogger('handshake');
  const sockets = new Set<Duplex>();
  const accepted: AcceptedHandshake[] = [];
  const server: Server = createServer(servePage('<p>the page</p>'));
  server.on('upgrade', (request, socket, head) => {
    sockets.add(socket);
    const result = handleUpgrade(request, socket, head, {
      paths: ['/chat'],
      protocols: ['chat', 'superchat'],
      allowedOrigins: ['http://example.com'],
      handshakeTimeoutMs: 5000,
      log: captured.log,
    });
    if (result !== undefined) accepted.push(result);
  });
  const port = await listen(server, '127.0.0.1', 0);
  track(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { port, accepted, ...captured };
}

describe("node:http's upgrade event", () => {
  it('serves the page and a WebSocket on one port', async () => {
    const server = await httpServer();
    const page = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(await page.text()).toBe('<p>the page</p>');

    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/chat`, ['superchat', 'chat']);
    track(() => ws.terminate());
    await once(ws, 'open');
    expect(ws.protocol).toBe('superchat');
    expect(server.accepted[0]?.path).toBe('/chat');
    await server.waitForLine(/upgraded to WebSocket on \/chat \(subprotocol superchat\)/);
  });

  it('completes a handshake with the hand-written client too', async () => {
    const server = await httpServer();
    const result = await clientHandshake(`ws://127.0.0.1:${server.port}/chat`, {
      protocols: ['chat', 'superchat'],
    });
    track(() => result.socket.destroy());
    expect(result.protocol).toBe('chat');
  });

  it('hands over the bytes node:http read past the request as head', async () => {
    const server = await httpServer();
    const frame = Buffer.from([0x81, 0x80, 1, 2, 3, 4]);
    const client = await connectTo(server.port);
    track(() => client.destroy());
    client.write(Buffer.concat([Buffer.from(requestText(seedFields)), frame]));
    await once(client, 'data');
    expect(server.accepted[0]?.head).toEqual(frame);
    expect(server.accepted[0]?.socket.readableFlowing).toBe(null);
  });

  it('refuses with the same rules as the raw socket', async () => {
    const server = await httpServer();
    const cases: [string, number][] = [
      [requestText(withHeader('Origin', 'http://evil.example')), 403],
      [requestText(seedFields, 'GET /nope HTTP/1.1'), 404],
      [requestText(withHeader('Sec-WebSocket-Version', '8')), 426],
      [requestText(withHeader('Sec-WebSocket-Key', 'c2hvcnQ=')), 400],
      [requestText(seedFields, 'POST /chat HTTP/1.1'), 405],
    ];
    for (const [request, status] of cases) {
      expect(statusOf(await exchange(server.port, request))).toBe(status);
    }
    await server.waitForLine(/refused .*: 405 Method Not Allowed/);
  });

  it('passes a request without Host on to upgrade, where our rule refuses it', async () => {
    // node:http's requireHostHeader check does not cover upgrade requests.
    const server = await httpServer();
    const response = await exchange(server.port, requestText(withHeader('Host', undefined)));
    expect(statusOf(response)).toBe(400);
    await server.waitForLine(/400 Bad Request: missing Host header/);
  });

  it('refuses a malformed request itself, before any upgrade event', async () => {
    const server = await httpServer();
    const response = await exchange(server.port, requestText([...seedFields, ['Bad Name', 'x']]));
    expect(statusOf(response)).toBe(400);
    expect(server.lines).toEqual([]);
  });

  it('leaves a request without Upgrade to the page handler', async () => {
    const server = await httpServer();
    const response = await fetch(`http://127.0.0.1:${server.port}/chat`);
    expect(response.status).toBe(404);
    expect(server.accepted).toHaveLength(0);
  });
});
