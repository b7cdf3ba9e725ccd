// Runs after `vitepress build` (see `docs:build` in package.json). VitePress
// fails the build on a dead link and on a `<<<` import of a missing file; this
// fails it for a missing or unterminated `#region` too, which VitePress would
// silently replace with the whole file. The checks live in ./snippets.mjs.
import { join } from 'node:path';
import { builtPageProblems, snippetProblems } from './snippets.mjs';

const docsRoot = join(import.meta.dirname, '..');
const problems = [
  ...snippetProblems(docsRoot),
  ...builtPageProblems(join(docsRoot, '.vitepress', 'dist')),
];

if (problems.length > 0) {
  console.error(`docs check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('docs check: every snippet import names a file and region that exist');
