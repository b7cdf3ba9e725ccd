import { describeInBrowser, newBrowserPage, saveScreenshot, useCleanup } from '@sockets/testkit';
import { expect, it } from 'vitest';
import { startServer } from './helpers.ts';

const track = useCleanup();

describeInBrowser('the echo page', () => {
  it("speaks to our server with Chromium's own WebSocket: text, binary, close", async () => {
    const { server, logged } = await startServer(track);
    const page = await newBrowserPage(track, { viewport: { width: 720, height: 420 } });
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

    // Closed: nothing more can be sent, and the page says how to go on.
    for (const id of ['#message', '#send-text', '#send-binary', '#close']) {
      expect(await page.isDisabled(id)).toBe(true);
    }
    await page.locator('#status', { hasText: 'press Reconnect' }).waitFor();
    // Even a submit that goes round the disabled buttons sends nothing.
    await page.evaluate(`document.getElementById('form').requestSubmit()`);
    expect(await page.locator('#log li').count()).toBe(7);

    // For the lesson's docs page.
    saveScreenshot('05-echo', await page.screenshot());
  });

  it('reconnects after a close, and only then sends again', async () => {
    const { server, logged } = await startServer(track);
    const page = await newBrowserPage(track);
    await page.goto(server.pageUrl);
    await page.locator('#status', { hasText: 'connected to ws://' }).waitFor();
    expect(await page.isDisabled('#connect', { timeout: 2_000 })).toBe(true);
    await page.click('#close');
    await page.locator('#status', { hasText: 'closed: 1000' }).waitFor();

    await page.click('#connect', { timeout: 5_000 });
    await page.locator('#status', { hasText: 'connected to ws://' }).waitFor();
    await page.fill('#message', 'again');
    await page.click('#send-text');
    await page.locator('#log li', { hasText: '← text: again' }).waitFor();
    await logged.waitForLine(/recv: "again"$/);
    expect(logged.lines.filter((line) => line.includes('upgraded to WebSocket'))).toHaveLength(2);
  });

  it('fits a 390 px phone screen, Close button included', async () => {
    const { server } = await startServer(track);
    const width = 390;
    const page = await newBrowserPage(track, { viewport: { width, height: 844 }, isMobile: true });
    await page.goto(server.pageUrl);
    await page.locator('#status', { hasText: 'connected to ws://' }).waitFor();
    await page.fill('#message', 'a message long enough to need the whole width of a phone');
    await page.click('#send-text');
    await page.locator('#log li', { hasText: '← text: a message long' }).waitFor();

    // The page is laid out for the phone's width (the viewport meta), not zoomed out from 980 px…
    expect(await page.evaluate('window.innerWidth')).toBe(width);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
    // …and every button is on screen.
    for (const id of ['#send-text', '#send-binary', '#close', '#connect']) {
      const box = await page.locator(id).boundingBox();
      expect(box, id).not.toBeNull();
      expect(box!.x, id).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, id).toBeLessThanOrEqual(width);
    }
  });
});
