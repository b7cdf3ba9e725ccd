import { describeInBrowser, launchChromium, saveScreenshot, useCleanup } from '@sockets/testkit';
import { expect, it } from 'vitest';
import { startServer } from './helpers.ts';

const track = useCleanup();

describeInBrowser('the echo page', () => {
  it("speaks to our server with Chromium's own WebSocket: text, binary, close", async () => {
    const { server, logged } = await startServer(track);
    const browser = await launchChromium();
    track(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 720, height: 420 } });
    await page.goto(server.pageUrl);
    await page.locator('#status', { hasText: 'connected to ws://' }).waitFor();

    await page.fill('#message', 'hello from Chromium');
    await page.click('#send-text');
    await page.locator('#log li', { hasText: '← text: hello from Chromium' }).waitFor();
    await page.fill('#message', 'hi');
    await page.click('#send-binary');
    await page.locator('#log li', { hasText: '← binary: 68 69' }).waitFor();
    await page.fill('#message', '<b>not bold</b>');
    await page.click('#send-text');
    await page.locator('#log li', { hasText: '← text: <b>not bold</b>' }).waitFor();
    await page.click('#close');
    await page.locator('#status', { hasText: 'closed: 1000 bye from the page' }).waitFor();

    // Chromium sent its page's Origin and masked its frames; the server logged both messages.
    await logged.waitForLine(/recv: "hello from Chromium"$/);
    await logged.waitForLine(/recv: <binary 6869> \(2 bytes\)$/);
    await logged.waitForLine(/closed: 1000 \(normal closure\) "bye from the page"$/);
    expect(await page.locator('#log li').allTextContents()).toEqual([
      '→ text: hello from Chromium',
      '← text: hello from Chromium',
      '→ binary: 68 69',
      '← binary: 68 69',
      '→ text: <b>not bold</b>',
      '← text: <b>not bold</b>',
      'closed: 1000 bye from the page',
    ]);

    // For the lesson's docs page.
    saveScreenshot('05-echo', await page.screenshot());
  });
});
