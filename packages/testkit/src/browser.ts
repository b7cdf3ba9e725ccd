import { existsSync } from 'node:fs';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

export type { Browser, Page };

import { describe, it } from 'vitest';

// Browser tests drive the system's Chromium through playwright-core: tools that
// download a browser of their own cannot work on machines without internet.
const usualPaths = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return usualPaths.find((path) => existsSync(path));
}

export const noChromiumMessage =
  'no Chromium found, so the browser tests are skipped. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) or point CHROMIUM_PATH at a Chrome or Chromium binary.';

/** `extraArgs`: more Chromium switches, e.g. lesson 10's `--ignore-certificate-errors-spki-list=…`. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  const executablePath = findChromium();
  if (executablePath === undefined) throw new Error(noChromiumMessage);
  return chromium.launch({
    executablePath,
    headless: true,
    // These flags keep Chromium from phoning home, which on a closed network
    // only produces refused connections and noise.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

type Track = <T extends () => unknown>(cleanup: T) => T;

/** A page in a Chromium of its own, closed after the test: what most page tests start with. */
export async function newBrowserPage(
  track: Track,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const browser = await launchChromium();
  track(() => browser.close());
  return browser.newPage(options);
}

/**
 * `describe` for tests that need a browser. Without one they are skipped with a
 * message saying how to get one, except in CI, where a missing browser fails.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (findChromium() !== undefined) {
    describe(name, body);
  } else if (process.env.CI) {
    describe(name, () => {
      it('has a Chromium to run in', () => {
        throw new Error(noChromiumMessage);
      });
    });
  } else {
    console.warn(`[${name}] ${noChromiumMessage}`);
    describe.skip(name, body);
  }
}
