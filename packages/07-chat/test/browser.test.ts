import {
  type Browser,
  captureLogger,
  describeInBrowser,
  launchChromium,
  type Page,
  saveScreenshot,
  sideBySide,
  useCleanup,
} from '@sockets/testkit';
import { expect, it } from 'vitest';
import { startChatServer } from '../src/server.ts';

const track = useCleanup();
const XSS = '<img src=x onerror=alert(1)>';

async function openChat(browser: Browser, url: string, name: string) {
  const page = await browser.newPage({ viewport: { width: 480, height: 560 } });
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${url}?name=${name}`);
  await page.getByText(`you are ${name}`).waitFor();
  return { page, dialogs };
}

async function say(page: Page, text: string) {
  await page.locator('#text').fill(text);
  await page.locator('#text').press('Enter');
}

describeInBrowser('the chat page', () => {
  it('lets two browsers chat, and shows markup as text without running it', async () => {
    const chat = await startChatServer({ port: 0, log: captureLogger().log });
    track(() => chat.close());
    const browser = await launchChromium();
    track(() => browser.close());

    const ann = await openChat(browser, chat.pageUrl, 'ann');
    const bob = await openChat(browser, chat.pageUrl, 'bob');
    await ann.page.getByText('bob joined').waitFor();
    await expect.poll(() => ann.page.locator('#online').textContent()).toBe('2');

    await say(ann.page, 'hi bob, try some HTML');
    await bob.page.getByText('hi bob, try some HTML').waitFor();
    await say(bob.page, XSS);
    await say(bob.page, 'nothing happened?');
    for (const { page } of [ann, bob]) {
      await page.getByText('nothing happened?').waitFor();
      // The markup is there as characters, and no <img> was made from it.
      await expect
        .poll(() => page.locator('#log .text').allTextContents())
        .toEqual(['hi bob, try some HTML', XSS, 'nothing happened?']);
      expect(await page.locator('img').count()).toBe(0);
    }
    expect([...ann.dialogs, ...bob.dialogs]).toEqual([]);

    // Both windows side by side, for the lesson's page.
    const shots = await Promise.all([ann.page.screenshot(), bob.page.screenshot()]);
    saveScreenshot('07-chat', await sideBySide(browser, shots));

    // The check above can fail: the same markup, inserted as HTML, does run.
    await bob.page.evaluate(
      `document.body.insertAdjacentHTML('beforeend', ${JSON.stringify(XSS)})`,
    );
    await expect.poll(() => bob.dialogs).toEqual(['1']);
    expect(ann.dialogs).toEqual([]);
  });

  it('refuses an over-long message before sending it, names a second ann ann-2, and says why it was disconnected', async () => {
    const { log, lines } = captureLogger('chat');
    const chat = await startChatServer({ port: 0, log, maxMessageBytes: 512 });
    track(() => chat.close());
    const browser = await launchChromium();
    track(() => browser.close());

    const ann = await openChat(browser, chat.pageUrl, 'ann');
    const ann2 = await openChat(browser, chat.pageUrl, 'ann');
    await ann2.page.getByText('you are ann-2').waitFor();
    await ann.page.getByText('ann-2 joined').waitFor();

    // 200 Chinese characters are 600 bytes in UTF-8: over the 512 the welcome announced.
    const input = ann2.page.locator('#text');
    await say(ann2.page, '中'.repeat(200));
    await ann2.page.getByText('not sent: 600 bytes, the server takes at most 512').waitFor();
    expect(await input.inputValue()).toBe('中'.repeat(200)); // kept, to be shortened
    expect(await ann2.page.locator('#size').textContent()).toBe('600 / 512 bytes');
    await say(ann2.page, 'shorter this time');
    await ann.page.getByText('shorter this time').waitFor();
    expect(await input.inputValue()).toBe('');
    expect(lines.filter((line) => line.includes(' says '))).toHaveLength(1);
    expect(ann.dialogs).toEqual([]);

    // A page that sends too much anyway (here by hand, from its console) is
    // closed by the server with 1009 and no reason: the page says what it means.
    await ann2.page.evaluate(`socket.send('x'.repeat(513))`);
    await ann2.page.getByText('disconnected (1009): a message was longer than 512 bytes').waitFor();
    expect(await input.isDisabled()).toBe(true);
    expect(await ann2.page.locator('#status').textContent()).toBe('disconnected');
    expect(await ann2.page.locator('#online').isVisible()).toBe(false); // no longer known

    saveScreenshot('07-chat-limits', await ann2.page.screenshot());
  });
});
