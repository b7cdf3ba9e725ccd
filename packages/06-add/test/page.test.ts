import { describeInBrowser, newBrowserPage, saveScreenshot, useCleanup } from '@sockets/testkit';
import { expect, it } from 'vitest';
import { startServer } from './helpers.ts';

const track = useCleanup();

describeInBrowser('the calculator page', () => {
  it('adds two numbers typed in Chromium, shows an error reply for an empty box, and adds fractions', async () => {
    const { server, logged } = await startServer(track);
    const page = await newBrowserPage(track, { viewport: { width: 720, height: 480 } });
    await page.goto(server.pageUrl);
    await page.locator('#status', { hasText: 'connected to ws://' }).waitFor();

    await page.fill('#a', '12');
    await page.fill('#b', '30');
    await page.click('#add');
    await page.locator('#sum', { hasText: '42' }).waitFor();
    // The browser sent its own Origin, and the server's default allow list let it in.
    await logged.waitForLine(new RegExp(`Origin: "${new URL(server.pageUrl).origin}"$`));
    await logged.waitForLine(/write response \{"sum":42,"id":1\}/);

    await page.fill('#b', '');
    await page.click('#add');
    await page.locator('#sum', { hasText: '?' }).waitFor();

    await page.fill('#b', '-0.5');
    await page.click('#add');
    await page.locator('#sum', { hasText: '11.5' }).waitFor();
    const log = await page.locator('#log li').allTextContents();
    expect(log).toEqual([
      '→ {"a":12,"b":30,"id":1}',
      '← {"sum":42,"id":1}',
      '→ {"a":12,"b":null,"id":2}',
      '← {"error":"b must be a number, got null","id":2}',
      '→ {"a":12,"b":-0.5,"id":3}',
      '← {"sum":11.5,"id":3}',
    ]);

    // For the lesson's docs page: the calculator after good and bad requests.
    saveScreenshot('06-add', await page.screenshot());
  });
});
