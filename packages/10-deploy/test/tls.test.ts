import { once } from 'node:events';
import { leave } from '@sockets/chat/testing';
import { captureLogger, useCleanup } from '@sockets/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startDeployServer } from '../src/server.ts';
import { connect, login, testCertificates } from './helpers.ts';

const track = useCleanup();
const certs = testCertificates();
afterAll(() => certs.remove());

async function startServer() {
  const captured = captureLogger('deploy');
  const server = await startDeployServer({ port: 0, log: captured.log }, { tls: certs.tls });
  track(() => server.close());
  return { server, ...captured };
}

describe('wss:// with the certificate `cert` makes', () => {
  it('completes the handshake when the client trusts the generated CA', async () => {
    const { server } = await startServer();
    expect(server.url).toMatch(/^wss:\/\/localhost:\d+\/ws$/);
    const cookie = await login(server.pageUrl, certs.tls.ca, 'ann');
    const ann = await connect(server.url, { ca: certs.tls.ca, headers: { Cookie: cookie } });
    track(() => leave(ann));
    expect(await ann.waitFor((event) => event.type === 'welcome')).toMatchObject({ name: 'ann' });
  });

  it('is refused by a client that does not trust the CA', async () => {
    const { server } = await startServer();
    // Node trusts its built-in list of public CAs only; ours is not on it.
    const socket = new WebSocket(server.url);
    const [error] = await once(socket, 'error');
    expect(error.code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(error.message).toBe('unable to verify the first certificate');
  });

  it('fails a ws:// attempt on the TLS port, and the server says why', async () => {
    const { server, waitForLine } = await startServer();
    const socket = new WebSocket(server.url.replace('wss:', 'ws:'));
    const [error] = await once(socket, 'error');
    // The server cannot read plain HTTP as TLS and hangs up: that is all the client learns.
    expect(error.message).toBe('socket hang up');
    expect(await waitForLine(/plain HTTP/)).toMatch(
      /^\[deploy\] warn: 127\.0\.0\.1:\d+ sent plain HTTP to this TLS port: use https:\/\/ and wss:\/\/$/,
    );
  });
});
