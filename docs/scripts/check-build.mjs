// Runs after `vitepress build`. VitePress fails the build on a dead link and on
// a `<<<` import of a missing file, but a missing `#region` silently imports the
// whole file instead. This check fails the build for that, and for any snippet
// error text that reached the built pages.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const docsRoot = join(import.meta.dirname, '..');
const problems = [];

function filesUnder(dir, ending) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(ending))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !path.includes('node_modules') && !path.includes('.vitepress/cache'));
}

// `<<< @/../packages/x/src/file.ts#region{ts}` or `<<< ../../packages/x/src/file.ts#region`
const snippetLine = /^<<<\s+(\S+?)(?:#([\w-]+))?(?:\{[^}]*\})?(?:\s.*)?$/;
for (const page of filesUnder(docsRoot, '.md')) {
  const lines = readFileSync(page, 'utf8').split('\n');
  lines.forEach((line, index) => {
    const match = line.trim().match(snippetLine);
    if (!match) return;
    const [, rawPath, region] = match;
    const target = rawPath.startsWith('@/')
      ? resolve(docsRoot, rawPath.slice(2))
      : resolve(dirname(page), rawPath);
    const where = `${relative(docsRoot, page)}:${index + 1}`;
    if (!existsSync(target)) {
      problems.push(`${where}: imports ${rawPath}, which does not exist`);
      return;
    }
    if (region && !new RegExp(`#region ${region}\\b`).test(readFileSync(target, 'utf8'))) {
      problems.push(`${where}: ${rawPath} has no "#region ${region}"`);
    }
  });
}

const dist = join(docsRoot, '.vitepress', 'dist');
for (const html of filesUnder(dist, '.html')) {
  const text = readFileSync(html, 'utf8');
  for (const error of ['Code snippet path not found', 'Invalid code snippet option']) {
    if (text.includes(error)) problems.push(`${relative(dist, html)}: "${error}"`);
  }
}

if (problems.length > 0) {
  console.error(`docs check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('docs check: every snippet import names a file and region that exist');
