import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { builtPageProblems, hasRegion, snippetProblems } from '../scripts/snippets.mjs';

// scripts/check-build.mjs runs these checks after every `vitepress build`. Here
// they run against a small site in a temporary folder: a package with one
// region, and pages that import it well and badly.
const track = useCleanup();

function fixture(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'docs-check-'));
  track(() => rmSync(root, { recursive: true, force: true }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const source = [
  '// #region accept-key',
  'export const answer = 42;',
  '// #endregion accept-key',
  '// #region unfinished',
  'export const more = 1;',
].join('\n');

describe('the snippet check', () => {
  it('accepts imports whose file and region exist', () => {
    const root = fixture({
      'packages/x/src/a.ts': source,
      'docs/lessons/01.md': [
        '# One',
        '<<< @/../packages/x/src/a.ts#accept-key',
        '<<< @/../packages/x/src/a.ts#accept-key{ts:line-numbers} [a.ts]',
        '<<< ../../packages/x/src/a.ts',
      ].join('\n'),
    });
    expect(snippetProblems(join(root, 'docs'))).toEqual([]);
  });

  it('reports a missing file, a missing region and a region that never ends', () => {
    const root = fixture({
      'packages/x/src/a.ts': source,
      'docs/lessons/01.md': [
        '# One',
        '<<< @/../packages/x/src/gone.ts',
        '<<< @/../packages/x/src/a.ts#accept',
        '<<< @/../packages/x/src/a.ts#unfinished',
      ].join('\n'),
    });
    expect(snippetProblems(join(root, 'docs'))).toEqual([
      'lessons/01.md:2: imports @/../packages/x/src/gone.ts, which does not exist',
      'lessons/01.md:3: @/../packages/x/src/a.ts has no "#region accept" … "#endregion accept"',
      'lessons/01.md:4: @/../packages/x/src/a.ts has no "#region unfinished" … "#endregion unfinished"',
    ]);
  });

  it('ignores a `<<<` line inside a fenced code block, which is only an example', () => {
    const root = fixture({
      'docs/guide/how.md': ['# How', '```md', '<<< @/../packages/none.ts#r', '```'].join('\n'),
    });
    expect(snippetProblems(join(root, 'docs'))).toEqual([]);
  });

  it('finds regions only where VitePress would', () => {
    expect(hasRegion('// #region a\nx\n// #endregion a', 'a')).toBe(true);
    expect(hasRegion('<!-- #region a -->\nx\n<!-- #endregion a -->', 'a')).toBe(true);
    expect(hasRegion('// #region a-b\nx\n// #endregion a-b', 'a')).toBe(false);
    expect(hasRegion('// #endregion a\n// #region a', 'a')).toBe(false);
  });

  it('reports snippet errors that reached the built pages', () => {
    const root = fixture({
      'dist/ok.html': '<p>fine</p>',
      'dist/lessons/bad.html': '<pre>Code snippet path not found: /x</pre>',
    });
    expect(builtPageProblems(join(root, 'dist'))).toEqual([
      'lessons/bad.html: "Code snippet path not found"',
    ]);
  });
});
