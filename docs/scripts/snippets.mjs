// The checks behind scripts/check-build.mjs, in a module of their own so that
// docs/test/snippets.test.ts can run them against a small fixture folder.
//
// VitePress fails the build on a dead link and on a `<<<` import of a missing
// file, but a missing `#region` (or one that never ends) silently imports the
// whole file instead. These checks catch that, and any snippet error text that
// reached the built pages.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Files under `dir` whose name ends with `ending`, skipping dependencies and VitePress's cache. */
export function filesUnder(dir, ending) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(ending))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !path.includes('node_modules') && !path.includes('.vitepress/cache'));
}

// `<<< @/../packages/x/src/file.ts#region{ts}` or `<<< ../../packages/x/src/file.ts#region [title]`
const snippetLine = /^<<<\s+(\S+?)(?:#([\w-]+))?(?:\{[^}]*\})?(?:\s.*)?$/;
const fence = /^(`{3,}|~{3,})/;

// The region markers VitePress 1.6 recognises (its `findRegion`): the whole
// trimmed line is the marker, and the end marker must repeat the region's name.
const regionMarkers = [
  /^\/\/ ?#?((?:end)?region) ([\w*-]+)$/, // JavaScript, TypeScript
  /^\/\* ?#((?:end)?region) ([\w*-]+) ?\*\/$/, // CSS
  /^<!-- #?((?:end)?region) ([\w*-]+) -->$/, // HTML, Markdown
  /^# ?((?:end)?region) ([\w*-]+)$/, // shell, YAML, Python
];

function marker(line, name) {
  for (const pattern of regionMarkers) {
    const [, tag, found] = pattern.exec(line.trim()) ?? [];
    if (found === name) return tag;
  }
  return undefined;
}

/**
 * Whether `source` holds a region `name` that VitePress can import: a
 * `// #region name` line followed by a `// #endregion name` line. Without
 * both, VitePress silently imports the whole file.
 */
export function hasRegion(source, name) {
  let started = false;
  for (const line of source.split('\n')) {
    const tag = marker(line, name);
    if (tag === 'region') started = true;
    else if (tag === 'endregion' && started) return true;
  }
  return false;
}

/** Every `<<<` import in the Markdown pages under `docsRoot` whose file or region is missing. */
export function snippetProblems(docsRoot) {
  const problems = [];
  for (const page of filesUnder(docsRoot, '.md')) {
    let inFence = false;
    readFileSync(page, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        // A `<<<` line inside a fenced code block is an example, not an import.
        if (fence.test(line.trim())) inFence = !inFence;
        if (inFence) return;
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
        if (region && !hasRegion(readFileSync(target, 'utf8'), region)) {
          problems.push(`${where}: ${rawPath} has no "#region ${region}" … "#endregion ${region}"`);
        }
      });
  }
  return problems;
}

/** Snippet error text that VitePress wrote into the built pages instead of failing. */
export function builtPageProblems(dist) {
  const problems = [];
  for (const html of filesUnder(dist, '.html')) {
    const text = readFileSync(html, 'utf8');
    for (const error of ['Code snippet path not found', 'Invalid code snippet option']) {
      if (text.includes(error)) problems.push(`${relative(dist, html)}: "${error}"`);
    }
  }
  return problems;
}
