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

export default withMermaid(
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
