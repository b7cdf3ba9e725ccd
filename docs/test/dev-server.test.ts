import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describeInBrowser, launchChromium } from '@sockets/testkit';
import { createServer } from 'vitepress';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Browser, visit } from './visit.ts';

// `pnpm start`, the README's first command, serves the site through
// VitePress's dev server, which bundles differently from `docs:build`: under
// pnpm, mermaid's CommonJS dependencies once reached the browser unconverted
// and no diagram drew in dev, while the built site was fine. So the pages with
// the most diagrams are opened here too, on the dev server, and the Performance
// page, which reads the benchmark results. A warning the dev server prints in
// the learner's terminal while it serves a page fails that page too.

const docsRoot = join(import.meta.dirname, '..');
const pages = [
  '/',
  '/guide/history-before-websockets.html',
  '/lessons/05-echo.html',
  '/reference/07-performance.html',
];

/**
 * In dev, VitePress adds the config's <head> (and its favicon link) from the
 * client, so Chromium first asks for the default /favicon.ico, which the site
 * does not have. The built site has the link in its HTML and never asks.
 */
const isDevFaviconProbe = (problem: string) => problem.endsWith('/favicon.ico)');

describeInBrowser('the dev server (`pnpm start`), in a browser', () => {
  let http: Server;
  let vitepress: Awaited<ReturnType<typeof createServer>>;
  let origin: string;
  let browser: Browser;
  const warnings: string[] = [];

  beforeAll(async () => {
    // Vite reads port 0 as "use the default, 5173", so it serves in middleware
    // mode through our own server, which takes a free port.
    http = createHttpServer();
    vitepress = await createServer(docsRoot, { middlewareMode: true, hmr: { server: http } });
    // What the dev server prints goes through its logger: note the warnings and
    // errors as well as printing them.
    const { logger } = vitepress.config;
    for (const level of ['warn', 'warnOnce', 'error'] as const) {
      const print = logger[level].bind(logger);
      logger[level] = (message, options) => {
        warnings.push(`dev server ${level}: ${stripVTControlCharacters(message)}`);
        print(message, options);
      };
    }
    http.on('request', vitepress.middlewares);
    await new Promise<void>((listening) => http.listen(0, '127.0.0.1', listening));
    origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await vitepress?.close();
    http?.closeAllConnections();
    await new Promise((closed) => http?.close(closed));
  });

  it.each(pages)(
    '%s loads cleanly, draws its diagrams, and the server warns of nothing',
    async (pagePath) => {
      const page = await browser.newPage();
      try {
        warnings.length = 0;
        const { problems } = await visit(page, origin, pagePath);
        expect([...problems.filter((problem) => !isDevFaviconProbe(problem)), ...warnings]).toEqual(
          [],
        );
      } finally {
        await page.close();
      }
    },
  );
});
