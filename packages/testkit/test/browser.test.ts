import { expect, it } from 'vitest';
import { describeInBrowser, newBrowserPage, sideBySide, useCleanup } from '../src/index.ts';

const track = useCleanup();
let closed: Promise<unknown> | undefined;

describeInBrowser('newBrowserPage', () => {
  it('opens a page of the given size in a Chromium that is closed after the test', async () => {
    const page = await newBrowserPage(track, { viewport: { width: 390, height: 844 } });
    expect(await page.evaluate('window.innerWidth')).toBe(390);
    const browser = page.context().browser();
    expect(browser?.isConnected()).toBe(true);
    closed = new Promise((resolve) => browser?.once('disconnected', resolve));
  });

  it('closed the previous test’s Chromium', async () => {
    await closed;
    expect(closed).toBeDefined();
  });

  it('puts two windows side by side in one picture', async () => {
    const page = await newBrowserPage(track, { viewport: { width: 480, height: 560 } });
    const shot = await page.screenshot();
    const png = await sideBySide(page.context().browser()!, [shot, shot]);
    // A PNG's IHDR chunk holds its width and height at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([980, 560]);
  });
});
