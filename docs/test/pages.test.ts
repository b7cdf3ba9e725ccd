import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The site must keep up with the code: every lesson package has a page, and
// every `pnpm lesson <lesson> <script>` a page tells a learner to type names a
// script that exists.
const repoRoot = join(import.meta.dirname, '..', '..');
const lessonFolders = readdirSync(join(repoRoot, 'packages')).filter((f) => /^\d\d-/.test(f));
const pages = readdirSync(join(repoRoot, 'docs'), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.md') && !e.parentPath.includes('node_modules'))
  .map((e) => join(e.parentPath, e.name));

function scriptsOf(folder: string): Record<string, string> {
  const manifest = JSON.parse(
    readFileSync(join(repoRoot, 'packages', folder, 'package.json'), 'utf8'),
  );
  return manifest.scripts ?? {};
}

function lessonFolder(name: string): string | undefined {
  return lessonFolders.find((f) => f === name || f.slice(0, 2) === name || f.slice(3) === name);
}

describe('the docs site and the lessons', () => {
  it.each(lessonFolders)('%s has a docs page', (folder) => {
    expect(existsSync(join(repoRoot, 'docs', 'lessons', `${folder}.md`))).toBe(true);
  });

  it('names only lesson scripts that exist', () => {
    const commands = pages.flatMap((page) =>
      [...readFileSync(page, 'utf8').matchAll(/pnpm lesson ([\w-]+) ([\w:-]+)/g)].map((m) => ({
        page,
        lesson: m[1]!,
        script: m[2]!,
      })),
    );
    const broken = commands
      .filter(({ lesson }) => lesson !== '<lesson>')
      .filter(({ lesson, script }) => {
        const folder = lessonFolder(lesson);
        return folder === undefined || scriptsOf(folder)[script] === undefined;
      })
      .map(({ page, lesson, script }) => `${page}: pnpm lesson ${lesson} ${script}`);
    expect(broken).toEqual([]);
  });
});
