import { fileURLToPath } from 'node:url';
import {
  type Browser,
  describeInBrowser,
  launchChromium,
  type Page,
  saveScreenshot,
  sideBySide,
  startScript,
  useCleanup,
} from '@sockets/testkit';
import { expect, it } from 'vitest';
import { startTestRedis } from './helpers.ts';

const track = useCleanup();
const packageDir = fileURLToPath(new URL('..', import.meta.url));

async function startServerProcess(redisUrl: string, port = '0') {
  const script = startScript(packageDir, 'bin/server.ts', { REDIS_URL: redisUrl, PORT: port });
  track(() => script.stop());
  return { script, url: await script.ready() };
}

async function openChat(browser: Browser, url: string, name: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 480, height: 560 } });
  await page.goto(`${url}?name=${name}`);
  await page.getByText(`you are ${name}`).waitFor();
  return page;
}

async function say(page: Page, text: string) {
  await page.locator('#text').fill(text);
  await page.locator('#text').press('Enter');
}

describeInBrowser('the chat page on two server processes', () => {
  it('chats across processes, and after its server is killed reconnects and shows what it missed', async () => {
    const redis = await startTestRedis(track);
    const a = await startServerProcess(redis.url);
    const b = await startServerProcess(redis.url);
    const browser = await launchChromium();
    track(() => browser.close());

    const ann = await openChat(browser, a.url, 'ann');
    const bob = await openChat(browser, b.url, 'bob');
    await say(ann, 'hi bob, I am on the other process');
    await bob.getByText('hi bob, I am on the other process').waitFor();
    await say(bob, 'and yet here you are');
    for (const page of [ann, bob]) await page.getByText('and yet here you are').waitFor();

    // ann's server dies mid-conversation; bob's goes on.
    a.script.child.kill('SIGKILL');
    await a.script.exited;
    await expect.poll(() => ann.locator('#status').textContent()).toMatch(/^reconnecting/);
    await say(bob, 'ann? you there?');
    await say(bob, 'I will wait');
    await bob.getByText('I will wait').waitFor();

    // Back on the same port, as a restarted process would be.
    await startServerProcess(redis.url, new URL(a.url).port);
    await ann.getByText('I will wait').waitFor();
    await expect.poll(() => ann.locator('#status').textContent()).toBe('connected');
    expect(await ann.locator('#log .text').allTextContents()).toEqual([
      'hi bob, I am on the other process',
      'and yet here you are',
      'ann? you there?',
      'I will wait',
    ]);
    await say(ann, 'back, and I saw everything');
    await bob.getByText('back, and I saw everything').waitFor();

    const shots = await Promise.all([ann.screenshot(), bob.screenshot()]);
    saveScreenshot('09-scale', await sideBySide(browser, shots));
  });
});
