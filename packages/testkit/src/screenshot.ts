import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
