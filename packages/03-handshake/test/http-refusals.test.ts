import { once } from 'node:events';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { listen } from '@sockets/shared';
import { captureLogger, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { handshakeDeadline, refuseBadRequest, refuseUpgrade } from '../src/index.ts';

// The two HTTP refusals lessons 05-07 share, on a real node:http server.

const track = useCleanup();

async function refusingServer() {
  const captured = captureLogger('http');
  const server = createServer(handshakeDeadline(200), (_request, response) => response.end());
  server.on('clientError', (error, socket) => refuseBadRequest(error, socket, captured.log));
  server.on('upgrade', (_request, socket) =>
    refuseUpgrade(socket, 404, 'no WebSocket here', { 'Sec-WebSocket-Version': '13' }),
  );
  track(() => new Promise((done) => server.close(done)));
  const port = await listen(server, '127.0.0.1', 0);
  /** Sends `bytes`, and resolves with everything the server answered once it has closed. */
  const exchange = async (bytes: string) => {
    const socket = connect(port, '127.0.0.1');
    track(() => socket.destroy());
    socket.write(bytes);
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    await once(socket, 'close');
    return answer;
  };
  return { ...captured, exchange };
}

describe('refuseBadRequest', () => {
  it('answers a request head that never ends with 408, and logs it', async () => {
    const { exchange, waitForLine } = await refusingServer();
    expect(await exchange('GET / HTTP/1.1\r\nHost: x\r\n')).toMatch(
      /^HTTP\/1\.1 408 Request Timeout\r\n/,
    );
    await waitForLine(/warn: refused 127\.0\.0\.1:\d+: 408 Request Timeout/);
  });

  it('answers a head that is not HTTP with 400, and logs it', async () => {
    const { exchange, waitForLine } = await refusingServer();
    expect(await exchange('HELLO\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    await waitForLine(/warn: refused 127\.0\.0\.1:\d+: 400 Bad Request: Parse Error/);
  });
});

describe('refuseUpgrade', () => {
  it('writes the status, the headers and the reason on the raw socket, and closes it', async () => {
    const { exchange } = await refusingServer();
    const answer = await exchange(
      'GET /nope HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    expect(answer).toContain('Sec-WebSocket-Version: 13\r\n');
    expect(answer).toMatch(/\r\n\r\nno WebSocket here\n$/);
  });
});
