import { createServer, type Socket } from 'node:net';
import { errorCode, listen } from '@sockets/shared';
import { useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import {
  acceptKey,
  clientHandshake,
  type HandshakeResponse,
  handshakeRequest,
  verifyResponse,
} from '../src/index.ts';
import { startTestHandshakeServer } from './helpers.ts';

const track = useCleanup();

/** A TCP server that calls `answer` with each complete request's key, or stays silent. */
async function fakeServer(answer?: (key: string, socket: Socket) => void) {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const key = /Sec-WebSocket-Key: (\S+)/.exec(received)?.[1];
      if (received.includes('\r\n\r\n') && key && answer) answer(key, socket);
    });
  });
  const port = await listen(server, '127.0.0.1', 0);
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  track(() => server.listening && close());
  return { url: `ws://127.0.0.1:${port}/chat`, close };
}

const upgrade = (key: string, extra = '') =>
  `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey(key)}\r\n${extra}\r\n`;

describe('the client request', () => {
  it("is seed 000's request for seed 000's key", () => {
    const request = handshakeRequest(
      new URL('ws://server.example.com/chat'),
      'x3JJHMbDL1EzLkh9GBhXDw==',
      {
        protocols: ['chat', 'superchat'],
        origin: 'http://example.com',
        headers: { Cookie: 'name=zcy' },
      },
    );
    expect(request).toBe(
      'GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: x3JJHMbDL1EzLkh9GBhXDw==\r\nSec-WebSocket-Version: 13\r\n' +
        'Origin: http://example.com\r\nSec-WebSocket-Protocol: chat, superchat\r\nCookie: name=zcy\r\n\r\n',
    );
  });

  it('names the port and the query, and brackets IPv6', () => {
    const request = handshakeRequest(new URL('ws://[::1]:8080/chat?room=1'), 'k');
    expect(request).toMatch(/^GET \/chat\?room=1 HTTP\/1\.1\r\nHost: \[::1\]:8080\r\n/);
    expect(request).not.toMatch(/Origin|Sec-WebSocket-Protocol/);
  });
});

describe('verifying the response', () => {
  const key = 'dGhlIHNhbXBsZSBub25jZQ==';
  const response = (fields: [string, string][]): HandshakeResponse => ({
    httpVersion: '1.1',
    status: 101,
    statusText: 'Switching Protocols',
    fields,
  });
  const good: [string, string][] = [
    ['upgrade', 'WebSocket'],
    ['connection', 'upgrade'],
    ['Sec-WebSocket-Accept', 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='],
  ];
  const without = (name: string) => good.filter(([field]) => field !== name);

  it("accepts RFC 6455's example answer, whatever the case of the tokens", () => {
    expect(verifyResponse(response(good), key, [])).toBeUndefined();
    expect(
      verifyResponse(response([...good, ['Sec-WebSocket-Protocol', 'chat']]), key, ['chat']),
    ).toBe('chat');
  });

  it('fails on a missing upgrade, a wrong accept value, an extension or a protocol we never offered', () => {
    expect(() => verifyResponse(response(without('upgrade')), key, [])).toThrow(/Upgrade/);
    expect(() => verifyResponse(response(without('connection')), key, [])).toThrow(/Connection/);
    const wrongAccept = [
      ...without('Sec-WebSocket-Accept'),
      ['Sec-WebSocket-Accept', 'HSmrc0sMlYUkAGmm5OPpG2HaGWk='],
    ] as [string, string][];
    expect(() => verifyResponse(response(wrongAccept), key, [])).toThrow(
      /expected s3pPLMBiTxaQ9kYGzzhZRbK\+xOo=/,
    );
    expect(() =>
      verifyResponse(
        response([...good, ['Sec-WebSocket-Extensions', 'permessage-deflate']]),
        key,
        [],
      ),
    ).toThrow(/extensions/);
    expect(() =>
      verifyResponse(response([...good, ['Sec-WebSocket-Protocol', 'mqtt']]), key, ['chat']),
    ).toThrow(/did not offer/);
    expect(() =>
      verifyResponse(response([...good, ['Sec-WebSocket-Protocol', 'chat']]), key, []),
    ).toThrow(/did not offer/);
    expect(() =>
      verifyResponse(response([...good, ['Sec-WebSocket-Protocol', 'chat, superchat']]), key, [
        'chat',
        'superchat',
      ]),
    ).toThrow(/did not offer/);
  });
});

describe('clientHandshake', () => {
  it('returns the frames that came in the same packet as the 101 as head', async () => {
    const frame = Buffer.from([0x81, 0x02, 0x68, 0x69]);
    const { url } = await fakeServer((key, socket) =>
      socket.write(Buffer.concat([Buffer.from(upgrade(key)), frame])),
    );
    const result = await clientHandshake(url);
    track(() => result.socket.destroy());
    expect(result.head).toEqual(frame);
    expect(result.socket.readableFlowing).toBe(null);
  });

  it('refuses a server whose accept value is wrong', async () => {
    const { url } = await fakeServer((_key, socket) =>
      socket.write(upgrade('dGhlIHNhbXBsZSBub25jZQ==')),
    );
    await expect(clientHandshake(url)).rejects.toThrow(/Sec-WebSocket-Accept is "s3pP/);
  });

  it('refuses a subprotocol it did not offer', async () => {
    const { url } = await fakeServer((key, socket) =>
      socket.write(upgrade(key, 'Sec-WebSocket-Protocol: mqtt\r\n')),
    );
    await expect(clientHandshake(url, { protocols: ['chat'] })).rejects.toThrow(
      /"mqtt", which we did not offer/,
    );
  });

  it('reports the status and the body of a refusal', async () => {
    const server = await startTestHandshakeServer(track);
    await expect(clientHandshake(server.url.replace('/chat', '/nope'))).rejects.toThrow(
      'server refused the upgrade: 404 Not Found: no WebSocket endpoint at "/nope"',
    );
  });

  it('reads a refusal body that comes in a later write', async () => {
    const { url } = await fakeServer((_key, socket) => {
      socket.write('HTTP/1.1 403 Forbidden\r\nContent-Length: 13\r\n\r\nno ');
      setImmediate(() => socket.end('entry, sir'));
    });
    await expect(clientHandshake(url)).rejects.toThrow(
      'server refused the upgrade: 403 Forbidden: no entry, sir',
    );
  });

  it('gives up on a silent server after handshakeTimeoutMs', async () => {
    const { url } = await fakeServer();
    await expect(clientHandshake(url, { handshakeTimeoutMs: 100 })).rejects.toThrow(
      /no handshake response from 127\.0\.0\.1:\d+ within 100 ms/,
    );
  });

  it('says so when the server hangs up without answering', async () => {
    const { url } = await fakeServer((_key, socket) => socket.end());
    await expect(clientHandshake(url)).rejects.toThrow(/closed the connection without answering/);
  });

  it('passes connection errors through, so runMain can explain them', async () => {
    const { url, close } = await fakeServer();
    await close();
    const error = await clientHandshake(url).catch((caught: unknown) => caught);
    expect(errorCode(error)).toBe('ECONNREFUSED');
  });

  it('speaks ws:// only', async () => {
    await expect(clientHandshake('wss://example.com/')).rejects.toThrow(/ws:\/\/ only/);
    await expect(clientHandshake('http://example.com/')).rejects.toThrow(/ws:\/\/ only/);
  });
});
