import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { leave } from '@sockets/chat/testing';
import { startScript, useCleanup } from '@sockets/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { installNginxHint } from '../src/nginx.ts';
import { connect, fetchHttps, login, testCertificates } from './helpers.ts';

const track = useCleanup();
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const certDir = mkdtempSync(join(tmpdir(), 'deploy-script-certs-'));
afterAll(() => rmSync(certDir, { recursive: true, force: true }));

describe('bin/cert.ts', () => {
  it('writes the CA and the server certificate, says how to trust the CA, and never prints a key', async () => {
    const cert = startScript(packageDir, 'bin/cert.ts', { CERT_DIR: certDir });
    track(() => cert.stop());
    expect(await cert.exited).toBe(0);
    for (const file of ['ca.pem', 'server.pem', 'server-key.pem']) {
      expect(existsSync(join(certDir, file)), file).toBe(true);
    }
    expect(readFileSync(join(certDir, 'server-key.pem'), 'utf8')).toContain('PRIVATE KEY');
    expect(cert.output.join('\n')).toMatch(/trust \S*ca\.pem once in your browser/);
    expect(cert.output.join('\n')).not.toMatch(/PRIVATE KEY|BEGIN/);
  });
});

describe('bin/server.ts', () => {
  const certs = testCertificates();
  afterAll(() => certs.remove());
  it('prints its ready line, says 1012 to its clients on SIGTERM, and exits 0', async () => {
    const server = startScript(packageDir, 'bin/server.ts', { CERT_DIR: certs.dir });
    track(() => server.stop());
    const url = await server.ready();
    expect(url).toMatch(/^https:\/\/localhost:\d+\/$/);
    await server.waitForLine(/signed with a random key made for this run/);
    const { ca } = certs.tls;
    const cookie = await login(url, ca, 'ann');
    const ann = await connect(`${url.replace('https', 'wss')}ws`, {
      ca,
      headers: { Cookie: cookie },
    });
    track(() => leave(ann));
    await server.waitForLine(/ann connected from/);
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(await ann.closed).toEqual({ code: 1012, reason: 'service restart' });
    // The random session key is never printed, nor the cookie signed with it.
    expect(server.output.join('\n')).not.toContain(cookie.split('=')[1]!.split('.')[1]);
  });

  it('explains a missing certificate in one line and exits 1', async () => {
    const server = startScript(packageDir, 'bin/server.ts', {
      CERT_DIR: join(certDir, 'nothing-here'),
    });
    track(() => server.stop());
    expect(await server.exited).toBe(1);
    expect(server.output).toEqual([
      expect.stringMatching(
        /^\[deploy\] error: no certificate in .*nothing-here: run `pnpm lesson deploy cert` first \(or set CERT_DIR\)$/,
      ),
    ]);
  });
});

describe('bin/proxy.ts', () => {
  const certs = testCertificates();
  afterAll(() => certs.remove());

  it('starts nginx in front of two Node processes, and stops all of them on SIGINT', async () => {
    const proxy = startScript(packageDir, 'bin/proxy.ts', { CERT_DIR: certs.dir });
    track(() => proxy.stop());
    const url = await proxy.ready();
    expect(url).toMatch(/^https:\/\/localhost:\d+\/$/);
    const [, first, second] = await proxy.waitForLine(/\(nginx → (\S+), (\S+)\)$/);
    const page = await fetchHttps(`${url}login`, certs.tls.ca);
    expect(page.headers.server).toMatch(/^nginx/);
    expect(await proxy.stop('SIGINT')).toBe(0);
    for (const address of [url.replace('https://localhost', '127.0.0.1'), first, second]) {
      const [host, port] = address!
        .replace(/^https?:\/\//, '')
        .replace(/\/$/, '')
        .split(':');
      const socket = createConnection(Number(port), host);
      const [error] = await once(socket, 'error');
      expect(error.code, `${address} still answers`).toBe('ECONNREFUSED');
    }
  });

  it('says how to install nginx in one line and exits 1 where there is none', async () => {
    const proxy = startScript(packageDir, 'bin/proxy.ts', {
      CERT_DIR: certs.dir,
      NGINX: '/nowhere/nginx',
    });
    track(() => proxy.stop());
    expect(await proxy.exited).toBe(1);
    expect(proxy.output).toEqual([`[proxy] error: ${installNginxHint}`]);
  });
});

describe('bin/rolling.ts', () => {
  const certs = testCertificates();
  afterAll(() => certs.remove());

  it('restarts both processes while ann chats, prints what she and bob saw, and exits 0', async () => {
    const rolling = startScript(packageDir, 'bin/rolling.ts', {
      CERT_DIR: certs.dir,
      COUNT: '20',
      INTERVAL_MS: '50',
    });
    track(() => rolling.stop());
    expect(await rolling.exited).toBe(0);
    for (const name of ['ann', 'bob']) {
      expect(rolling.output).toContain(
        `[rolling] ${name} saw 20 of 20 messages, in order, 0 twice (counted once); 2 drops (1012 "service restart", 1012 "service restart"); 0 sent again after a drop`,
      );
    }
  });
});
