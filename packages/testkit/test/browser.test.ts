import { expect, it } from 'vitest';
import { describeInBrowser, newBrowserPage, useCleanup } from '../src/index.ts';

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
});
