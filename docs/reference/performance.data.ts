import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { defineLoader } from 'vitepress';

// The benchmark results the Performance page shows, read when the page is
// built or served. They stay in public/bench, next to the charts drawn from
// them, where a reader can download them; but Vite lets no JavaScript import a
// file from public/ (the dev server warns on every visit), so VitePress's data
// loader reads them here instead: https://vitepress.dev/guide/data-loading

/** The result files by name: `frames`, `echo`, `chat`, `backlog`. */
// biome-ignore lint/suspicious/noExplicitAny: each bench writes its own shape; the page reads the fields it shows
export type Results = Record<string, any>;

export default defineLoader({
  watch: ['../public/bench/*.json'],
  load(files: string[]): Results {
    return Object.fromEntries(
      files.map((file) => [basename(file, '.json'), JSON.parse(readFileSync(file, 'utf8'))]),
    );
  },
});
