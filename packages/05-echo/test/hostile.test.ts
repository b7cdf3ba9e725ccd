import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { CloseCode, isValidWireCloseCode } from '@sockets/frames';
import { useCleanup } from '@sockets/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextMessage, starters, startServer, wsClient } from './helpers.ts';
import { openRawClient } from './raw-client.ts';

// Bad input never crashes the server and never disturbs other connections:
// each offender gets the protocol's answer, and the next client is served.

const track = useCleanup();
const key = 'dGhlIHNhbXBsZSBub25jZQ=='; // RFC 6455 §1.3's example key

/** A valid upgrade request, changed as a case says. */
function request(
  host: string,
  { start = 'GET /echo HTTP/1.1', drop = [] as string[], add = [] as string[] } = {},
): string {
  const fields = [
    `Host: ${host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${key}`,
    'Sec-WebSocket-Version: 13',
  ].filter((field) => !drop.some((name) => field.startsWith(`${name}:`)));
  return `${[start, ...fields, ...add].join('\r\n')}\r\n\r\n`;
}

type Case = [name: string, status: number, bytes: (host: string) => string | Buffer];

const malformed: Case[] = [
  ['POST instead of GET', 405, (h) => request(h, { start: 'POST /echo HTTP/1.1' })],
  ['HTTP/1.0', 400, (h) => request(h, { start: 'GET /echo HTTP/1.0' })],
  ['no Host', 400, (h) => request(h, { drop: ['Host'] })],
  ['two Host headers', 400, (h) => request(h, { add: ['Host: evil.example'] })],
  ['another path', 404, (h) => request(h, { start: 'GET /chat HTTP/1.1' })],
  ['a target that is not a URL', 400, (h) => request(h, { start: 'GET * HTTP/1.1' })],
  ['Upgrade: h2c', 400, (h) => request(h, { drop: ['Upgrade'], add: ['Upgrade: h2c'] })],
  ['no Upgrade header', 426, (h) => request(h, { drop: ['Upgrade'] })],
  [
    'Connection: keep-alive',
    426,
    (h) => request(h, { drop: ['Connection'], add: ['Connection: keep-alive'] }),
  ],
  [
    'version 8',
    426,
    (h) => request(h, { drop: ['Sec-WebSocket-Version'], add: ['Sec-WebSocket-Version: 8'] }),
  ],
  ['no version', 426, (h) => request(h, { drop: ['Sec-WebSocket-Version'] })],
  ['no key', 400, (h) => request(h, { drop: ['Sec-WebSocket-Key'] })],
  [
    'a 15-byte key',
    400,
    (h) =>
      request(h, { drop: ['Sec-WebSocket-Key'], add: ['Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAA'] }),
  ],
  [
    'a key that is not base64',
    400,
    (h) =>
      request(h, {
        drop: ['Sec-WebSocket-Key'],
        add: ['Sec-WebSocket-Key: !!!!!!!!!!!!!!!!!!!!!!=='],
      }),
  ],
  ['a foreign Origin', 403, (h) => request(h, { add: ['Origin: http://evil.example'] })],
  ['a header line without a colon', 400, (h) => request(h, { add: ['Bad Header'] })],
  ['20 KB of headers', 431, (h) => request(h, { add: [`X-Big: ${'a'.repeat(20_000)}`] })],
  ['bare LF line ends', 400, (h) => request(h).replaceAll('\r\n', '\n')],
  ['binary garbage', 400, () => Buffer.from([0, 1, 2, 3, 0xff, 13, 10, 13, 10])],
  ["HTTP/2's connection preface", 400, () => 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
];

/** Sends bytes on a fresh connection and returns the status of the answer. */
async function statusFor(port: number, bytes: string | Buffer): Promise<number> {
  const socket = connect(port, '127.0.0.1');
  track(() => socket.destroy());
  socket.on('error', () => {});
  socket.write(bytes);
  let head = '';
  for await (const chunk of socket) {
    head += chunk.toString('latin1');
    if (head.includes('\r\n')) break;
  }
  return Number(/^HTTP\/1\.1 (\d{3}) /.exec(head)?.[1]);
}

describe('malformed handshakes to our server', () => {
  it.each(malformed)(
    'answers %s with %i, and serves the next client',
    async (_name, status, bytes) => {
      const { server } = await startServer(track);
      const { host, port } = new URL(server.url);
      expect(await statusFor(Number(port), bytes(host))).toBe(status);
      const client = await wsClient(track, server.url);
      client.send('still serving');
      expect((await nextMessage(client)).data.toString()).toBe('still serving');
    },
  );
});

// node:http does not check Host on an upgrade (lesson 03's docs show it); lesson
// 03's rules do (RFC 7230 §5.4: exactly one Host, or 400), and ws does not.
it.each([
  ['ours', 400],
  ['ws', 101],
] as const)(
  'differs: the %s server answers an upgrade without Host with %i',
  async (name, status) => {
    const { server } = await startServer(track, {}, starters[name]);
    const { host, port } = new URL(server.url);
    expect(await statusFor(Number(port), request(host, { drop: ['Host'] }))).toBe(status);
  },
);

describe.each(Object.entries(starters))('the %s server under a flood', (_name, start) => {
  it('closes 500 connections that never finish a handshake after the timeout, echoing meanwhile', async () => {
    const { server } = await startServer(track, { handshakeTimeoutMs: 500 }, start);
    const port = Number(new URL(server.url).port);
    const silent: Socket[] = [];
    for (let i = 0; i < 500; i++) {
      const socket = connect(port, '127.0.0.1');
      track(() => socket.destroy());
      socket.on('error', () => {});
      silent.push(socket);
    }
    // Half of them start a request and never finish it.
    for (const socket of silent.slice(250)) socket.write('GET /echo HTTP/1.1\r\nHost: x\r\n');
    const answers = silent.map(async (socket) => {
      let answer = '';
      socket.on('data', (chunk: Buffer) => {
        answer += chunk.toString('latin1');
      });
      await once(socket, 'close');
      return answer;
    });
    let allClosed = false;
    const closing = Promise.all(answers).finally(() => {
      allClosed = true;
    });

    const client = await wsClient(track, server.url);
    let echoes = 0;
    do {
      client.send(`echo ${echoes}`);
      expect((await nextMessage(client)).data.toString()).toBe(`echo ${echoes}`);
      echoes += 1;
    } while (!allClosed);

    for (const answer of await closing) expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
    expect(echoes).toBeGreaterThan(1);
    client.send('after the flood');
    expect((await nextMessage(client)).data.toString()).toBe('after the flood');
  });

  it('survives random bytes after a valid handshake: a close or a TCP end, never a crash', async () => {
    const { server } = await startServer(track, {}, start);
    // Most runs start like a client's frame (MASK bit set), so the bytes get
    // past the first check and into lengths, opcodes, fragments and UTF-8.
    const frameLike = fc
      .tuple(
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 127 }),
        fc.uint8Array({ maxLength: 300 }),
      )
      .map(([first, length, rest]) => Uint8Array.from([first, 0x80 | length, ...rest]));
    const bytes = fc.oneof(frameLike, fc.uint8Array({ minLength: 1, maxLength: 300 }));
    await fc.assert(
      fc.asyncProperty(bytes, async (flood) => {
        const client = await openRawClient(server.url);
        client.socket.end(flood);
        for (;;) {
          const event = await client.next();
          if (event.kind === 'end') break;
          // A close frame carries a code that may go on the wire, or none at
          // all (an empty body, read as 1005: RFC 6455 §7.1.5), which is how
          // a server answers a close frame that had none.
          if (event.kind === 'close' && event.code !== CloseCode.noStatus) {
            expect(isValidWireCloseCode(event.code)).toBe(true);
          }
        }
      }),
      // The case a run once found: a client's close frame with no body.
      { numRuns: 60, examples: [[Uint8Array.from([0x88, 0x80, 0, 0, 0, 0])]] },
    );
    const client = await wsClient(track, server.url);
    client.send('still serving');
    expect((await nextMessage(client)).data.toString()).toBe('still serving');
  });
});
