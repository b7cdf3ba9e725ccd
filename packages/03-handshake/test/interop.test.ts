import { once } from 'node:events';
import { boundPort } from '@sockets/shared';
import { useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { clientHandshake } from '../src/index.ts';
import { startTestHandshakeServer } from './helpers.ts';

const track = useCleanup();

async function wsServer(options: ConstructorParameters<typeof WebSocketServer>[0] = {}) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, ...options });
  await once(server, 'listening');
  track(
    () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  );
  return { server, url: `ws://127.0.0.1:${boundPort(server.address())}/chat` };
}

describe('the hand-written server with the ws client', () => {
  it('completes the handshake and negotiates the subprotocol', async () => {
    const server = await startTestHandshakeServer(track);
    const ws = new WebSocket(server.url, ['chat', 'superchat']);
    track(() => ws.terminate());
    await once(ws, 'open');
    expect(ws.protocol).toBe('chat');
    // ws offers permessage-deflate; the server declines it by not answering.
    expect(ws.extensions).toBe('');
    await server.waitForLine(/ {2}Sec-WebSocket-Accept: /);
  });

  it('is refused by a foreign Origin with 403', async () => {
    const server = await startTestHandshakeServer(track);
    const ws = new WebSocket(server.url, { origin: 'http://evil.example' });
    ws.on('error', () => {}); // terminating a refused socket reports one
    track(() => ws.terminate());
    const [, response] = await once(ws, 'unexpected-response');
    expect(response.statusCode).toBe(403);
  });

  it('says goodbye with a 1001 close frame when the server stops', async () => {
    const server = await startTestHandshakeServer(track);
    const ws = new WebSocket(server.url);
    track(() => ws.terminate());
    await once(ws, 'open');
    const closed = once(ws, 'close');
    await server.close();
    const [code] = await closed;
    expect(code).toBe(1001);
  });
});

describe('the hand-written client with the ws server', () => {
  it('completes the handshake and gets the chosen subprotocol', async () => {
    const { url } = await wsServer();
    const result = await clientHandshake(url, { protocols: ['chat', 'superchat'] });
    track(() => result.socket.destroy());
    expect(result.response.status).toBe(101);
    expect(result.protocol).toBe('chat'); // ws picks the client's first by default
  });

  it('receives the first frame the server sends, whether in head or after it', async () => {
    const { server, url } = await wsServer();
    server.on('connection', (ws) => ws.send('hello'));
    const { socket, head } = await clientHandshake(url);
    track(() => socket.destroy());
    const expected = Buffer.from([0x81, 0x05, ...Buffer.from('hello')]);
    const chunks = [head];
    while (Buffer.concat(chunks).length < expected.length) {
      chunks.push(((await once(socket, 'data')) as [Buffer])[0]);
    }
    expect(Buffer.concat(chunks)).toEqual(expected);
  });

  it('reports a refusal with its status and body', async () => {
    const { url } = await wsServer({ verifyClient: () => false });
    await expect(clientHandshake(url)).rejects.toThrow(
      /^server refused the upgrade: 401 Unauthorized/,
    );
  });
});
