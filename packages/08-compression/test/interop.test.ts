import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { captureLogger, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { type PerMessageDeflateOptions, WebSocket, WebSocketServer } from 'ws';
import { startCompressionClient } from '../src/index.ts';
import { bytesRead, nextMessage, startServer, wsClient } from './helpers.ts';

// ws's permessage-deflate against ours, both ways, for each combination of
// the four parameters: the messages must come back whole, the extension must
// be agreed, and the bytes on the wire must be far fewer than the text.

const track = useCleanup();

/** 20 KiB of JSON chat messages: text that compresses well. */
const chat = JSON.stringify(
  Array.from({ length: 200 }, (_, i) => ({ from: `user${i % 7}`, text: `message number ${i}` })),
);

/** ws's options, and what our server answers to the offer ws makes from them. */
const combinations: [string, PerMessageDeflateOptions, string][] = [
  ['defaults', {}, 'permessage-deflate'],
  [
    'server_no_context_takeover',
    { serverNoContextTakeover: true },
    'permessage-deflate; server_no_context_takeover',
  ],
  [
    'client_no_context_takeover',
    { clientNoContextTakeover: true },
    'permessage-deflate; client_no_context_takeover',
  ],
  [
    'server_max_window_bits=10',
    { serverMaxWindowBits: 10 },
    'permessage-deflate; server_max_window_bits=10',
  ],
  [
    'client_max_window_bits=9',
    { clientMaxWindowBits: 9 },
    'permessage-deflate; client_max_window_bits=9',
  ],
  [
    'all four',
    {
      serverNoContextTakeover: true,
      clientNoContextTakeover: true,
      serverMaxWindowBits: 9,
      clientMaxWindowBits: 11,
    },
    'permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=9; client_max_window_bits=11',
  ],
];

describe('a ws client with perMessageDeflate against our server', () => {
  it.each(combinations)(
    '%s: agreed, echoed, compressed on the wire',
    async (_name, options, answer) => {
      const { server, logged } = await startServer(track, { thresholdBytes: 0 });
      const client = new WebSocket(server.url, { perMessageDeflate: { ...options, threshold: 0 } });
      track(() => client.terminate());
      const opened = once(client, 'open');
      const [response] = (await once(client, 'upgrade')) as [IncomingMessage];
      await opened;
      // ws's own `client.extensions` names the extension only: the header has the parameters.
      expect(response.headers['sec-websocket-extensions']).toBe(answer);
      await logged.waitForLine(new RegExp(`upgraded to WebSocket on /echo with ${answer}$`));
      for (let round = 0; round < 3; round++) {
        const reply = nextMessage(client);
        client.send(chat);
        const { data, isBinary } = await reply;
        expect(isBinary).toBe(false);
        expect(data.toString()).toBe(chat);
      }
      const binary = Buffer.from(chat).reverse();
      const reply = nextMessage(client);
      client.send(binary);
      expect((await reply).data).toEqual(binary);
      // Four 20 KiB messages came back in well under 20 KiB in all.
      expect(bytesRead(client)).toBeLessThan(chat.length);
    },
  );

  it('gets plain frames with PERMESSAGE_DEFLATE=0: the offer is declined', async () => {
    const { server } = await startServer(track, { permessageDeflate: false });
    const client = await wsClient(track, server.url, { perMessageDeflate: { threshold: 0 } });
    expect(client.extensions).toBe('');
    const reply = nextMessage(client);
    client.send(chat);
    expect((await reply).data.toString()).toBe(chat);
    expect(bytesRead(client)).toBeGreaterThan(chat.length);
  });

  it('sends short messages uncompressed below the threshold, and ws reads them', async () => {
    const { server } = await startServer(track, { thresholdBytes: 1024 });
    const client = await wsClient(track, server.url, { perMessageDeflate: { threshold: 0 } });
    const before = bytesRead(client);
    const reply = nextMessage(client);
    client.send('x'.repeat(1000));
    expect((await reply).data.toString()).toBe('x'.repeat(1000));
    expect(bytesRead(client) - before).toBeGreaterThan(1000);
  });
});

describe('our client against a ws server with perMessageDeflate', () => {
  async function wsEchoServer(perMessageDeflate: PerMessageDeflateOptions) {
    const server = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      perMessageDeflate: { ...perMessageDeflate, threshold: 0 },
    });
    track(() => new Promise((resolve) => server.close(resolve)));
    await once(server, 'listening');
    const agreed: string[] = [];
    const sockets: Socket[] = [];
    server.on('connection', (socket, request) => {
      agreed.push(socket.extensions);
      sockets.push(request.socket as Socket);
      socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
    });
    const { port } = server.address() as { port: number };
    const bytesRead = () => sockets.reduce((sum, socket) => sum + socket.bytesRead, 0);
    return { url: `ws://127.0.0.1:${port}/echo`, agreed, bytesRead };
  }

  it.each(combinations)('%s: agreed, echoed, compressed on the wire', async (name, options) => {
    const server = await wsEchoServer(options);
    const logged = captureLogger('client');
    const client = await startCompressionClient({
      url: server.url,
      text: chat,
      count: 3,
      intervalMs: 5,
      thresholdBytes: 0,
      log: logged.log,
    });
    track(() => client.close());
    await client.finished;
    expect(server.agreed).toEqual(['permessage-deflate']);
    // ws's answer holds the parameter its options set (ws words the rest its own way).
    const agreed = logged.lines.find((line) => line.includes('the server agreed to'));
    expect(agreed).toMatch(/"permessage-deflate.*"$/);
    for (const param of name === 'defaults' || name === 'all four' ? [] : [name]) {
      expect(agreed).toContain(param);
    }
    const echoes = logged.lines.filter((line) => line.endsWith(`… (${chat.length} bytes)`));
    expect(echoes).toHaveLength(3);
    // ws saw three 20 KiB messages in far fewer bytes (but it saw them).
    expect(server.bytesRead()).toBeGreaterThan(0);
    expect(server.bytesRead()).toBeLessThan(chat.length);
  });
});
