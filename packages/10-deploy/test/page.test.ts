import { chatPageScript, chatPageStyles } from '@sockets/chat';
import { captureLogger, useCleanup } from '@sockets/testkit';
import { afterAll, expect, it } from 'vitest';
import { startDeployServer } from '../src/server.ts';
import { fetchHttps, login, testCertificates } from './helpers.ts';

const track = useCleanup();
const certs = testCertificates();
afterAll(() => certs.remove());
const { ca } = certs.tls;

it("serves a page built on lesson 07's chat-page.js, and that file as lesson 07 has it", async () => {
  const server = await startDeployServer(
    { port: 0, log: captureLogger('deploy').log },
    { tls: certs.tls },
  );
  track(() => server.close());
  const cookie = await login(server.pageUrl, ca, 'ann');
  const page = await fetchHttps(server.pageUrl, ca, { headers: { Cookie: cookie } });
  expect(page.status).toBe(200);
  expect(page.body).toMatch(/^ {2}import \{[^}]*\bconnect\b[^}]*\} from '\/chat-page\.js';$/m);
  // Its socket is the one chat-page.js's connect() opens, not one of its own.
  expect(page.body).not.toContain('new WebSocket(');
  // Nor its elements: showChat puts lesson 07's in the page, with a Log out button.
  expect(page.body).toMatch(/^ {2}showChat\(\{ header: logOut \}\);$/m);
  expect(page.body).not.toContain('id="log"');

  // The same for everyone, and no secret: no session needed.
  const script = await fetchHttps(new URL(chatPageScript.path, server.pageUrl).href, ca);
  expect(script.status).toBe(200);
  expect(script.headers['content-type']).toBe(chatPageScript.type);
  expect(script.body).toBe(chatPageScript.body);

  // And its look is lesson 07's stylesheet, not a copy of it.
  expect(page.body).toContain('<link rel="stylesheet" href="/chat-page.css">');
  const styles = await fetchHttps(new URL(chatPageStyles.path, server.pageUrl).href, ca);
  expect(styles.status).toBe(200);
  expect(styles.headers['content-type']).toBe(chatPageStyles.type);
  expect(styles.body).toBe(chatPageStyles.body);
});
