import { once } from 'node:events';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { listen } from '@sockets/shared';
import { useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { handshakeDeadline } from '../src/http-deadline.ts';

const track = useCleanup();

describe('handshakeDeadline on a node:http server', () => {
  it('answers 408 and closes a client that never finishes its request', async () => {
    const server = createServer(handshakeDeadline(200), (_request, response) => response.end());
    track(() => new Promise((done) => server.close(done)));
    const port = await listen(server, '127.0.0.1', 0);
    const socket = connect(port, '127.0.0.1');
    track(() => socket.destroy());
    socket.write('GET /chat HTTP/1.1\r\nHost: x\r\n'); // and never the blank line
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    await once(socket, 'close');
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
  });

  it('is off with 0', () => {
    expect(handshakeDeadline(0)).toEqual({ headersTimeout: 0, requestTimeout: 0 });
  });
});
