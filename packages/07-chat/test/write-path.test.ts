import { createServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { decodeHeader, headerLengthFrom, Opcode } from '@sockets/frames';
import { clientHandshake } from '@sockets/handshake';
import { listen } from '@sockets/shared';
import { captureLogger, rawFrame, useCleanup } from '@sockets/testkit';
import { describe, expect, it, type MockInstance, vi } from 'vitest';
import { type ServerOptions, type WebSocket, WebSocketServer } from 'ws';
import { Hub } from '../src/hub.ts';
import { Member } from '../src/member.ts';
import { joinChat, leave } from './chat-peer.ts';
import { startTestServer } from './chat-server.ts';

// member.ts writes the chat's frames to the TCP socket beside ws. These tests
// hold it to what makes that safe and fast: whole frames, one write per member
// per turn of the event loop, nothing after a close frame, no compression.

const track = useCleanup();

/**
 * A hub behind a bare HTTP server, wired as server.ts wires it, but keeping
 * each member's socket so a test can count the writes that reach it.
 */
async function startWiredHub(wsOptions: ServerOptions = {}) {
  const { log } = captureLogger('chat');
  const hub = new Hub({ announceLimit: 0, broadcastEncoding: 'once', log });
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, ...wsOptions });
  const writes = new Map<string, MockInstance<Duplex['write']>>();
  const webSockets = new Map<string, WebSocket>();
  const refused: Error[] = [];
  const server = createServer();
  server.on('upgrade', (request, socket: Duplex, head) => {
    wss.handleUpgrade(request, socket, head, (webSocket) => {
      const name = new URL(request.url ?? '/', 'http://localhost').searchParams.get('name') ?? '';
      writes.set(name, vi.spyOn(socket, 'write'));
      webSockets.set(name, webSocket);
      try {
        const limits = { maxMessageBytes: 1024, sendQueueLimit: 256, sendQueueBytes: 1 << 20 };
        hub.register(new Member(name, webSocket, socket, hub, { ...limits, log }));
      } catch (error) {
        refused.push(error as Error);
        webSocket.terminate();
      }
    });
  });
  const port = await listen(server, '127.0.0.1', 0);
  track(async () => {
    await hub.closeAll(1001, 'test over', 1000);
    server.close();
  });
  return { url: `ws://127.0.0.1:${port}/ws`, hub, writes, webSockets, refused };
}

/** The opcode of every frame in `bytes`, walked header by header (lesson 04) to the very last byte. */
function opcodesOf(bytes: Buffer): number[] {
  const opcodes: number[] = [];
  for (let at = 0; at + 2 <= bytes.length; ) {
    const header = decodeHeader(bytes.subarray(at));
    if (header.kind === 'error') throw new Error(header.reason);
    opcodes.push(header.opcode);
    at += headerLengthFrom(bytes[at + 1]!) + header.payloadLength;
  }
  return opcodes;
}

/** Joins with lesson 03's handshake, so the test can write frames exactly as it likes. */
async function joinRaw(url: string, name: string) {
  const { socket, head } = await clientHandshake(`${url}?name=${name}`);
  track(() => socket.destroy());
  socket.on('error', () => {});
  return { socket, head };
}

describe("the hub's write path", () => {
  it('writes a burst read in one go to each member in one write, one frame per message, in order', async () => {
    const { url, writes } = await startWiredHub();
    const ann = await joinChat(`${url}?name=ann`);
    const bob = await joinChat(`${url}?name=bob`);
    for (const peer of [ann, bob]) track(() => leave(peer));
    const sender = await joinRaw(url, 'cat');
    await Promise.all([ann, bob].map((peer) => peer.waitFor((event) => event.type === 'welcome')));

    // Twenty messages in one TCP write: ws reads them in one go and the hub
    // relays each before the event loop turns.
    const texts = Array.from({ length: 20 }, (_, i) => `message ${i}`);
    sender.socket.write(
      Buffer.concat(texts.map((text) => rawFrame({ opcode: Opcode.text, payload: text }))),
    );

    for (const peer of [ann, bob]) expect(await peer.waitForTexts(20)).toEqual(texts);
    // The welcome, then the whole burst: two writes, not twenty-one.
    expect(writes.get('ann')).toHaveBeenCalledTimes(2);
    expect(writes.get('bob')).toHaveBeenCalledTimes(2);
  });

  it('writes nothing after the close frame, not even what was waiting for the next flush', async () => {
    const { url, hub, webSockets } = await startWiredHub();
    const { socket, head } = await joinRaw(url, 'ann');
    // A broadcast puts a frame in ann's outbox; before the hub flushes it,
    // something other than the hub closes ann's WebSocket (lesson 10's rate
    // limiter does, and exercise 1's): ws writes its close frame at once.
    // RFC 6455 §5.5.1: no data frame may follow it.
    hub.broadcast({ type: 'message', from: 'test', text: 'too late', at: 0, online: 1 });
    webSockets.get('ann')?.close(1008, 'too many messages');
    let received = head;
    for await (const chunk of socket) {
      received = Buffer.concat([received, chunk as Buffer]);
      // Our side of the closing handshake, so the server ends the connection.
      if (opcodesOf(received).includes(Opcode.close))
        socket.write(rawFrame({ opcode: Opcode.close }));
    }
    expect(opcodesOf(received).at(-1)).toBe(Opcode.close);
  });

  it('refuses a connection that agreed to permessage-deflate: its frames would not be compressed', async () => {
    const { url, refused } = await startWiredHub({ perMessageDeflate: true });
    const peer = await joinChat(`${url}?name=ann`); // ws offers permessage-deflate by default
    await peer.closed;
    expect(refused.map((error) => error.message)).toEqual([
      expect.stringMatching(
        /agreed to permessage-deflate: create the WebSocketServer with perMessageDeflate: false/,
      ),
    ]);
  });

  it('is what the chat server runs: it declines permessage-deflate, and chat works for a client that offered it', async () => {
    const { server } = await startTestServer(track);
    const ann = await joinChat(server.url, 'ann'); // offers permessage-deflate by default
    track(() => leave(ann));
    expect(ann.socket.extensions).toBe('');
    ann.socket.send('hello');
    expect(await ann.waitForTexts(1)).toEqual(['hello']);
  });
});
