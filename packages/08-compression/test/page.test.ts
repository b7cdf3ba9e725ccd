import { describeInBrowser, newBrowserPage, saveScreenshot, useCleanup } from '@sockets/testkit';
import { expect, it } from 'vitest';
import { countingRelay, startServer } from './helpers.ts';

// Chromium offers permessage-deflate on every WebSocket by itself: the page
// shows what our server agreed to, and 100 copies of a chat message echo whole.

const track = useCleanup();

describeInBrowser('the compression page', () => {
  it('shows the extension Chromium and our server agreed on, and echoes through it', async () => {
    // The page is served through a relay that counts what Chromium sends; the
    // relay's origin is not the server's own, hence allowedOrigins.
    const { server, logged } = await startServer(track, { allowedOrigins: ['*'] });
    const relay = await countingRelay(track, Number(new URL(server.url).port));
    const page = await newBrowserPage(track, { viewport: { width: 720, height: 420 } });
    await page.goto(relay.pageUrl);
    await page.locator('#status', { hasText: 'connected to ws://' }).waitFor();
    // Chromium's offer is "permessage-deflate; client_max_window_bits": nothing to limit.
    expect(await page.locator('#extensions').textContent()).toBe('agreed: permessage-deflate');
    await logged.waitForLine(/upgraded to WebSocket on \/echo with permessage-deflate$/);

    await page.click('#send');
    // 100 copies of the 53-character message, one per line.
    await page.locator('#log li', { hasText: '← 5399 characters back, the same text' }).waitFor();
    await logged.waitForLine(/recv: .*zcy.*… \(5399 bytes\)$/);
    // The page's GET, the upgrade request and a 5399-byte message in far fewer
    // bytes: Chromium compressed it (with PERMESSAGE_DEFLATE=0, below, it cannot).
    expect(relay.bytesUp()).toBeLessThan(2500);
    saveScreenshot('08-compression', await page.screenshot());
  });

  it('says so when the server declines (PERMESSAGE_DEFLATE=0), and still echoes', async () => {
    const { server } = await startServer(track, {
      permessageDeflate: false,
      allowedOrigins: ['*'],
    });
    const relay = await countingRelay(track, Number(new URL(server.url).port));
    const page = await newBrowserPage(track);
    await page.goto(relay.pageUrl);
    await page.locator('#extensions', { hasText: 'no extension' }).waitFor();
    await page.click('#send');
    await page.locator('#log li', { hasText: 'the same text' }).waitFor();
    expect(relay.bytesUp()).toBeGreaterThan(5399);
  });
});
