import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { launchChromium } from '@sockets/testkit';
import { diagramLabels, mermaidBlocks } from './mermaid-labels.ts';

// One visit to a page of the site, in a real browser, the way a learner sees
// it: what went wrong there (a non-200 answer for the page or anything it
// loads, a console or page error, a broken image, an empty code block, a
// Mermaid diagram that did not render or that lost part of a label on the way),
// and the links and anchors on it.
// Used on the built site (site.test.ts) and on the dev server (dev-server.test.ts).

export type Browser = Awaited<ReturnType<typeof launchChromium>>;
export type Page = Awaited<ReturnType<Browser['newPage']>>;

const docsRoot = join(import.meta.dirname, '..');

/** The Markdown source of a page, to know how many diagrams it should show. */
function sourceOf(pagePath: string): string {
  const name = pagePath === '/' ? 'index' : pagePath.slice(1).replace(/\.html$/, '');
  const file = join(docsRoot, `${name}.md`);
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** What a visit found wrong, and the links and anchors it saw. */
export interface Visit {
  problems: string[];
  links: string[];
  ids: string[];
}

/** How many diagrams are drawn, and the text of each, line by line. */
interface DrawnDiagrams {
  count: number;
  texts: string[][];
}

// Mermaid draws on the client, after the page has loaded. The plugin draws a
// diagram again whenever an attribute of <html> changes (the colour theme),
// and while it draws, Mermaid takes the old <svg> out of its box. So the text
// is read per box (one `.mermaid` <div> per diagram, in page order), in the
// same task that sees every box holding its drawing: read by index over all
// the <svg>s, a diagram in the middle of a redraw shifted the rest by one.
// A diagram that fails throws (a page or console error) and never gets its <svg>.
async function drawnDiagrams(page: Page, expected: number): Promise<DrawnDiagrams> {
  const readWhenDrawn = (count: number): DrawnDiagrams | false => {
    const boxes = Array.from(document.querySelectorAll('div.mermaid'));
    const drawings = boxes.map((box) => box.querySelector(':scope > svg'));
    if (boxes.length < count) return false;
    const texts: string[][] = [];
    for (const svg of drawings) {
      if (svg === null) return false;
      // SVG <text> elements, and the HTML labels flowcharts and state diagrams put in <foreignObject>.
      texts.push([
        ...Array.from(svg.querySelectorAll('text'))
          .filter((text) => text.parentElement?.closest('text') === null)
          .map((text) => text.textContent ?? ''),
        ...Array.from(svg.querySelectorAll('foreignObject > *')).flatMap((html) =>
          // biome-ignore lint/performance/useDomNodeTextContent: innerText keeps a label's <br> as a line break
          (html as HTMLElement).innerText.split('\n'),
        ),
      ]);
    }
    return { count: drawings.length, texts };
  };
  try {
    const drawn = await page.waitForFunction(readWhenDrawn, expected, { timeout: 15_000 });
    return (await drawn.jsonValue()) as DrawnDiagrams;
  } catch {
    const count = await page.evaluate(() => document.querySelectorAll('div.mermaid > svg').length);
    return { count, texts: [] };
  }
}

export async function visit(page: Page, origin: string, pagePath: string): Promise<Visit> {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    problems.push(`console error: ${message.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} for ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });

  const response = await page.goto(origin + pagePath, { waitUntil: 'networkidle' });
  if (response?.status() !== 200) problems.push(`the page answered ${response?.status()}`);

  const diagramSources = mermaidBlocks(sourceOf(pagePath));
  const diagrams = diagramSources.length;
  const drawn = diagrams === 0 ? { count: 0, texts: [] } : await drawnDiagrams(page, diagrams);

  const found = await page.evaluate(async () => {
    // Lazy images only load when scrolled to; load them all to check them.
    const images = Array.from(document.images);
    await Promise.all(
      images.map(async (image) => {
        image.loading = 'eager';
        await image.decode().catch(() => undefined);
      }),
    );
    return {
      brokenImages: images.filter((image) => image.naturalWidth === 0).map((image) => image.src),
      emptyCodeBlocks: Array.from(
        document.querySelectorAll('div[class*="language-"] pre code'),
      ).filter((code) => (code.textContent ?? '').trim() === '').length,
      diagramErrors: Array.from(
        document.querySelectorAll('.mermaid, svg[aria-roledescription="error"]'),
      )
        .map((element) => element.textContent ?? '')
        .filter((text) => /Syntax error|Parse error|error in text/i.test(text)).length,
      links: Array.from(document.querySelectorAll('a[href]'), (a) => (a as HTMLAnchorElement).href),
      ids: Array.from(document.querySelectorAll('[id]'), (element) => element.id),
    };
  });

  for (const src of found.brokenImages) problems.push(`broken image: ${src}`);
  if (found.emptyCodeBlocks > 0) problems.push(`${found.emptyCodeBlocks} empty code block(s)`);
  if (drawn.count < diagrams) {
    problems.push(`only ${drawn.count} of ${diagrams} Mermaid diagrams rendered`);
  }
  if (found.diagramErrors > 0) problems.push(`${found.diagramErrors} Mermaid error(s) on the page`);
  diagramSources.forEach((source, index) => {
    const shown = new Set(
      (drawn.texts[index] ?? []).map((line) => line.replace(/\s+/g, ' ').trim()),
    );
    for (const label of diagramLabels(source)) {
      if (!shown.has(label)) problems.push(`diagram ${index + 1} does not show "${label}"`);
    }
  });
  const internal = found.links.filter((link) => link.startsWith(`${origin}/`));
  return { problems, links: internal.map((link) => link.slice(origin.length)), ids: found.ids };
}
