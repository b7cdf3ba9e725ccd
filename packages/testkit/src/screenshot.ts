import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';

const screenshotsDir = join(import.meta.dirname, '..', '..', '..', 'docs', 'public', 'screenshots');

/**
 * Saves a browser test's screenshot for the docs, as
 * docs/public/screenshots/<name>.png. A picture holds ports and times that
 * change on every run, so it is written only when it is missing or when
 * UPDATE_SCREENSHOTS=1 asks: a test run leaves the working tree clean.
 */
export function saveScreenshot(name: string, png: Buffer): void {
  if (png.length < 1000)
    throw new Error(`screenshot ${name} is suspiciously small (${png.length} bytes)`);
  const file = join(screenshotsDir, `${name}.png`);
  if (existsSync(file) && process.env.UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(screenshotsDir, { recursive: true });
  writeFileSync(file, png);
}

/**
 * Two 480 × 560 windows' screenshots as one 980 × 560 picture, 20 px apart:
 * the chat lessons' pages show two people talking.
 */
export async function sideBySide(browser: Browser, shots: readonly Buffer[]): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: 980, height: 560 } });
  const images = shots.map((png) => `<img src="data:image/png;base64,${png.toString('base64')}">`);
  await page.setContent(
    `<body style="margin:0;display:flex;gap:20px;background:#888">${images.join('')}</body>`,
  );
  const picture = await page.screenshot();
  await page.close();
  return picture;
}
