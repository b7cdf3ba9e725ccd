import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, resolve, sep } from 'node:path';
import { describeInBrowser, launchChromium } from '@sockets/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesUnder } from '../scripts/snippets.mjs';
import { type Browser, type Visit, visit } from './visit.ts';

// The built site, used the way a learner uses it: served over HTTP and opened
// in a real browser, every page in turn. A page fails on a non-200 answer for
// itself or anything it loads, a console or page error, a broken image, an
// empty code block or a Mermaid diagram that did not render. Links between
// pages must lead to a page that exists and to a heading that is on it.
// Run `pnpm docs:build` first (turbo does, before this package's tests).

const docsRoot = join(import.meta.dirname, '..');
const dist = join(docsRoot, '.vitepress', 'dist');
const screenshots = join(docsRoot, 'public', 'screenshots');

/** Every page of the built site, as the path a browser asks for: `/`, `/guide/getting-started.html`, … */
const pagePaths = filesUnder(dist, '.html')
  .map((file) => relative(dist, file).split(sep).join('/'))
  .filter((file) => file !== '404.html')
  .map((file) => (file === 'index.html' ? '/' : `/${file}`))
  .sort();

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The file a URL path names in the built site, trying it as given, then with
 * `.html` and `/index.html`, as a static host for VitePress's output does.
 */
function fileFor(urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const base = resolve(dist, `.${decoded}`);
  if (base !== dist && !base.startsWith(dist + sep)) return undefined; // no `..` out of the site
  const candidates = decoded.endsWith('/')
    ? [join(base, 'index.html')]
    : [base, `${base}.html`, join(base, 'index.html')];
  return candidates.find((file) => existsSync(file) && statSync(file).isFile());
}

/** A tiny static file server for the built site, on a free port. */
async function serveSite(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://site').pathname;
    const file = fileFor(path);
    if (file === undefined) {
      const notFound = join(dist, '404.html');
      response.writeHead(404, { 'content-type': contentTypes['.html'] });
      response.end(existsSync(notFound) ? readFileSync(notFound) : 'not found');
      return;
    }
    response.writeHead(200, {
      'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    });
    response.end(readFileSync(file));
  });
  server.listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

if (!existsSync(join(dist, 'index.html'))) {
  describe('the built site', () => {
    it('exists (run `pnpm docs:build` first)', () => {
      expect.fail(`no built site in ${dist}: run \`pnpm docs:build\` in docs/ first`);
    });
  });
} else {
  describeInBrowser('the built site, in a browser', () => {
    let browser: Browser;
    let site: Awaited<ReturnType<typeof serveSite>>;
    const visits = new Map<string, Visit>();

    beforeAll(async () => {
      site = await serveSite();
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      await site?.close();
    });

    it.each(pagePaths)('%s loads cleanly', async (pagePath) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      try {
        const result = await visit(page, site.origin, pagePath);
        visits.set(pagePath, result);
        // The pictures in the README: the home page, and the first lesson.
        const shot =
          pagePath === '/'
            ? 'home.png'
            : pagePath === pagePaths.find((path) => path.startsWith('/lessons/'))
              ? 'lesson.png'
              : undefined;
        if (shot !== undefined && result.problems.length === 0) {
          const file = join(screenshots, shot);
          const picture = await page.screenshot();
          // Rewrite only a changed picture, so a run leaves git status alone.
          if (!existsSync(file) || !readFileSync(file).equals(picture)) {
            mkdirSync(screenshots, { recursive: true });
            writeFileSync(file, picture);
          }
        }
        expect(result.problems).toEqual([]);
      } finally {
        await page.close();
      }
    });

    // The hero's picture of the walk (.vitepress/theme/WalkPicture.vue): beside
    // the title on a desktop, above it on a phone, and every step a link to its
    // lesson's page; the scale lesson's step says "next" until that page exists.
    it.each([1280, 390])('/ shows the walk in its hero at %i px wide', async (width) => {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      try {
        await page.goto(`${site.origin}/`, { waitUntil: 'networkidle' });
        const walk = await page.evaluate(() => {
          const picture = document.querySelector('.VPHero .walk');
          const text = document.querySelector('.VPHero .main');
          if (picture === null || text === null) return undefined;
          const stations = Array.from(picture.querySelectorAll('.station'));
          return {
            titles: stations.map((station) => station.querySelector('.title')?.textContent),
            links: stations.map((station) => station.closest('a')?.getAttribute('href') ?? 'none'),
            lastLabel: stations.at(-1)?.querySelector('.label')?.textContent,
            picture: picture.getBoundingClientRect().toJSON() as DOMRect,
            text: text.getBoundingClientRect().toJSON() as DOMRect,
            pageWidth: document.documentElement.scrollWidth,
          };
        });
        expect(walk).toBeDefined();
        const lessonPage = (name: string) =>
          pagePaths
            .find((path) => new RegExp(`^/lessons/\\d\\d-${name}\\.html$`).test(path))
            ?.replace(/\.html$/, '') ?? 'none';
        const names = ['tcp', 'handshake', 'frames', 'echo', 'chat', 'scale'];
        expect(walk?.titles).toEqual([
          'bytes',
          'handshake',
          'frames',
          'echo',
          'chat',
          'many processes',
        ]);
        expect(walk?.links).toEqual(names.map(lessonPage));
        if (lessonPage('scale') === 'none') expect(walk?.lastLabel).toBe('next');
        expect(walk?.pageWidth).toBeLessThanOrEqual(width); // nothing sticks out sideways
        expect(walk?.picture.right).toBeLessThanOrEqual(width);
        expect(walk?.picture.width).toBeGreaterThanOrEqual(300);
        if (width >= 960) {
          // Beside the text, in the right half, not under it.
          expect(walk?.picture.left).toBeGreaterThanOrEqual(walk?.text.right ?? Infinity);
          expect(walk?.picture.top).toBeLessThan(walk?.text.bottom ?? 0);
        }
      } finally {
        await page.close();
      }
    });

    it('has links that lead to a page that exists, and to a heading on it', () => {
      expect(visits.size).toBe(pagePaths.length); // every page was visited above
      const broken: string[] = [];
      for (const [from, { links }] of visits) {
        for (const link of new Set(links)) {
          const url = new URL(link, 'http://site');
          const file = fileFor(url.pathname);
          if (file === undefined) {
            broken.push(`${from} → ${link}: no such page`);
            continue;
          }
          if (url.hash === '' || !file.endsWith('.html')) continue;
          const target = relative(dist, file).split(sep).join('/');
          const targetPath = target === 'index.html' ? '/' : `/${target}`;
          const id = decodeURIComponent(url.hash.slice(1));
          if (!visits.get(targetPath)?.ids.includes(id)) {
            broken.push(`${from} → ${link}: no heading #${id} there`);
          }
        }
      }
      expect(broken).toEqual([]);
    });
  });
}
