import { createHash, X509Certificate } from 'node:crypto';
import {
  type Browser,
  captureLogger,
  describeInBrowser,
  launchChromium,
  saveScreenshot,
  sideBySide,
  useCleanup,
} from '@sockets/testkit';
import { afterAll, expect, it } from 'vitest';
import { deploymentDefaults, startDeployment } from '../src/deployment.ts';
import { testCertificates } from './helpers.ts';

const track = useCleanup();
const certs = testCertificates();
afterAll(() => certs.remove());

/**
 * Chromium trusts the certificate whose public key has this SHA-256 hash
 * (base64 of the DER SubjectPublicKeyInfo), and no other: our test server's,
 * without installing the CA in a browser profile.
 */
function spkiHash(certificatePem: string): string {
  const spki = new X509Certificate(certificatePem).publicKey.export({
    type: 'spki',
    format: 'der',
  });
  return createHash('sha256').update(spki).digest('base64');
}

async function logIn(browser: Browser, url: string, name: string) {
  const page = await browser.newPage({ viewport: { width: 480, height: 560 } });
  await page.goto(url);
  // No session yet: the chat sends us to the login form.
  expect(new URL(page.url()).pathname).toBe('/login');
  await page.locator('#name').fill(name);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByText(`you are ${name}`).waitFor();
  return page;
}

describeInBrowser('the chat page through nginx', () => {
  it('logs in, chats over wss://, and comes back after both processes restart', async () => {
    const { log } = captureLogger('proxy');
    const deployment = await startDeployment({
      ...deploymentDefaults,
      port: 0,
      certDir: certs.dir,
      log,
    });
    track(() => deployment.close());
    const browser = await launchChromium([
      `--ignore-certificate-errors-spki-list=${spkiHash(certs.tls.cert)}`,
    ]);
    track(() => browser.close());

    const ann = await logIn(browser, deployment.pageUrl, 'ann');
    const bob = await logIn(browser, deployment.pageUrl, 'bob');
    expect(ann.url()).toMatch(/^https:\/\/localhost:\d+\/$/);
    // The session cookie is there, and the page's JavaScript cannot read it (HttpOnly).
    const cookies = await ann.context().cookies();
    expect(
      cookies.map(({ name, httpOnly, secure, sameSite }) => ({ name, httpOnly, secure, sameSite })),
    ).toEqual([{ name: 'session', httpOnly: true, secure: true, sameSite: 'Strict' }]);
    expect(await ann.evaluate('document.cookie')).toBe('');

    await ann.locator('#text').fill('hello over wss://');
    await ann.locator('#text').press('Enter');
    await bob.getByText('hello over wss://').waitFor();

    await deployment.restart(0);
    await deployment.restart(1);
    for (const page of [ann, bob]) {
      await page.getByText('disconnected (1012): service restart').first().waitFor();
      await expect.poll(() => page.getByText('back', { exact: true }).count()).toBe(2);
      await expect.poll(() => page.locator('#status').textContent()).toBe('connected');
    }
    await bob.locator('#text').fill('still here after two restarts');
    await bob.locator('#text').press('Enter');
    await ann.getByText('still here after two restarts').waitFor();
    expect(await ann.locator('#log .from').allTextContents()).toEqual(['ann: ', 'bob: ']);

    const shots = await Promise.all([ann.screenshot(), bob.screenshot()]);

    // ann's session is gone (as when it expires): at the next reconnect the
    // handshake gets 401, and the page sends her to the login form.
    await ann.context().clearCookies();
    await deployment.restart(0);
    await deployment.restart(1);
    await ann.waitForURL(/\/login$/);
    await expect.poll(() => bob.locator('#status').textContent()).toBe('connected');
    saveScreenshot('10-deploy', await sideBySide(browser, shots));
  });
});
