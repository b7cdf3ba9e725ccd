import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitepress';
import { withMermaid } from 'vitepress-plugin-mermaid';

const docsRoot = join(import.meta.dirname, '..');

/**
 * The pages of a folder in file-name order, titled by their first `# ` heading.
 * A new lesson page (`lessons/08-….md`) joins the sidebar, and the prev/next
 * links, just by existing.
 */
function pagesIn(folder: string): { text: string; link: string }[] {
  return readdirSync(join(docsRoot, folder))
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => {
      const source = readFileSync(join(docsRoot, folder, file), 'utf8');
      const title = source.match(/^# (.+)$/m)?.[1] ?? file;
      return { text: title, link: `/${folder}/${file.replace(/\.md$/, '')}` };
    });
}

const guide = pagesIn('guide');
const lessons = pagesIn('lessons');
const reference = pagesIn('reference');
const workshop = pagesIn('workshop');

/** The top bar: one entry per section, pointing at its first page (once it has one). */
const nav = [
  { text: 'Get started', link: '/guide/getting-started' },
  ...(lessons[0] ? [{ text: 'Lessons', link: lessons[0].link }] : []),
  ...(reference[0] ? [{ text: 'Reference', link: reference[0].link }] : []),
  ...(workshop[0] ? [{ text: 'Workshop', link: workshop[0].link }] : []),
];

const config = withMermaid(
  defineConfig({
    title: 'Sockets, Step by Step',
    description:
      'Network programming from raw TCP and UDP to a hand-written WebSocket, an echo server, an add-calculator and a chat hub, in TypeScript.',
    lang: 'en',
    head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
    cleanUrls: false,
    lastUpdated: false,
    // A link to a page that does not exist fails the build. Links to
    // http://localhost:… are fine: they point at the servers the lessons start.
    ignoreDeadLinks: 'localhostLinks',
    themeConfig: {
      nav,
      sidebar: [
        { text: 'Start here', items: guide },
        { text: 'Lessons', items: lessons },
        { text: 'Reference', items: reference },
        { text: 'Workshop', items: workshop },
      ],
      search: { provider: 'local' },
      outline: { level: [2, 3] },
      docFooter: { prev: 'Previous', next: 'Next' },
    },
    mermaid: {},
  }),
);

// In dev (`pnpm start`), Vite serves packages as they are unless it pre-bundles
// them. withMermaid asks it to pre-bundle mermaid's CommonJS dependencies
// (dayjs, cytoscape, …) by name, but pnpm lets only mermaid itself see them, so
// Vite warned that it could not find them and the browser got dayjs unconverted:
// no diagram drew (mermaid-js/mermaid#4320). Pre-bundling mermaid as a whole
// converts them along with it. `docs:build` bundles everything and never had this.
config.vite = { ...config.vite, optimizeDeps: { include: ['mermaid'] } };

export default config;
