import { leave } from '@sockets/chat/testing';
import { captureLogger, useCleanup } from '@sockets/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { startDeployServer } from '../src/server.ts';
import { SESSION_COOKIE, signSession } from '../src/session.ts';
import { connect, fetchHttps, login, refusedUpgrade, testCertificates } from './helpers.ts';

const track = useCleanup();
const certs = testCertificates();
afterAll(() => certs.remove());
const { ca } = certs.tls;
const SECRET = 'a test secret, long enough to be a key';

async function startServer(options: { passphrase?: string } = {}) {
  const captured = captureLogger('deploy');
  const server = await startDeployServer(
    { port: 0, sessionSecret: SECRET, log: captured.log, ...options },
    { tls: certs.tls },
  );
  track(() => server.close());
  return { server, ...captured };
}

const inAnHour = () => Date.now() + 3_600_000;

describe('the login form', () => {
  it('sends a visitor without a session to /login, which shows the form', async () => {
    const { server } = await startServer();
    const page = await fetchHttps(server.pageUrl, ca);
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/login');
    const form = await fetchHttps(new URL('/login', server.pageUrl).href, ca);
    expect(form.status).toBe(200);
    expect(form.body).toContain('<form method="post" action="/login">');
  });

  it('sets an HttpOnly, Secure, SameSite=Strict cookie and then serves the chat', async () => {
    const { server, waitForLine } = await startServer();
    const answer = await fetchHttps(new URL('/login', server.pageUrl).href, ca, {
      method: 'POST',
      body: 'name=ann',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(answer.status).toBe(303);
    const setCookie = answer.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(/^session=[\w-]+\.[\w-]+; /);
    expect(setCookie).toContain('; HttpOnly');
    expect(setCookie).toContain('; Secure');
    expect(setCookie).toContain('; SameSite=Strict');
    await waitForLine(/ann logged in/);
    const chat = await fetchHttps(server.pageUrl, ca, {
      headers: { Cookie: setCookie.split(';')[0]! },
    });
    expect(chat.status).toBe(200);
    expect(chat.body).toContain('<title>Chat');
  });

  it('asks for the passphrase when there is one, and refuses a wrong one with 403', async () => {
    const { server } = await startServer({ passphrase: 'open sesame' });
    const form = await fetchHttps(new URL('/login', server.pageUrl).href, ca);
    expect(form.body).toContain('<div id="passphrase-field">');
    await expect(login(server.pageUrl, ca, 'eve', 'open says me')).rejects.toThrow(
      'login failed: 403 wrong passphrase',
    );
    expect(await login(server.pageUrl, ca, 'ann', 'open sesame')).toMatch(/^session=/);
  });

  it('refuses a form too big to be a login with 413', async () => {
    const { server } = await startServer();
    const answer = await fetchHttps(new URL('/login', server.pageUrl).href, ca, {
      method: 'POST',
      body: `name=${'a'.repeat(5000)}`,
    });
    expect(answer.status).toBe(413);
  });
});

describe('the upgrade checks the session before handing the socket to ws', () => {
  it.each([
    ['no cookie', () => undefined, 'no session cookie: log in first'],
    [
      'a forged cookie (signed with another key)',
      () => signSession({ name: 'ann', expires: inAnHour() }, 'not the server secret'),
      'a session cookie with a bad signature',
    ],
    [
      'a cookie whose name was changed after signing',
      () => {
        const [, signature] = signSession({ name: 'bob', expires: inAnHour() }, SECRET).split('.');
        const payload = Buffer.from(JSON.stringify({ name: 'ann', expires: inAnHour() }));
        return `${payload.toString('base64url')}.${signature}`;
      },
      'a session cookie with a bad signature',
    ],
    [
      'an expired cookie',
      () => signSession({ name: 'ann', expires: Date.now() - 1000 }, SECRET),
      'a session that has expired: log in again',
    ],
  ])('answers 401 to %s, and nobody joins', async (_, cookie, reason) => {
    const { server, waitForLine } = await startServer();
    const value = cookie();
    const answer = await refusedUpgrade(server.url, {
      ca,
      headers: value === undefined ? {} : { Cookie: `${SESSION_COOKIE}=${value}` },
    });
    expect(answer.status).toBe(401);
    expect(answer.body).toBe(`${reason}\n`);
    await waitForLine(/refused a WebSocket with 401/);
    expect(server.hub.size).toBe(0);
  });

  it('upgrades with a good cookie, and names the user from it, not from ?name=', async () => {
    const { server } = await startServer();
    const cookie = await login(server.pageUrl, ca, 'ann');
    const ann = await connect(`${server.url}?name=bob`, { ca, headers: { Cookie: cookie } });
    track(() => leave(ann));
    expect(await ann.waitFor((event) => event.type === 'welcome')).toMatchObject({ name: 'ann' });
    ann.socket.send('it is me');
    expect(await ann.waitForText('it is me')).toMatchObject({ from: 'ann' });
  });

  it('still refuses a foreign Origin with 403, even with a good cookie', async () => {
    const { server } = await startServer();
    const cookie = await login(server.pageUrl, ca, 'ann');
    const answer = await refusedUpgrade(server.url, {
      ca,
      headers: { Cookie: cookie },
      origin: 'https://evil.example',
    });
    expect(answer.status).toBe(403);
    expect(server.hub.size).toBe(0);
  });
});
