import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';

// `pnpm new-lesson` copies template/ (whose own tests, lint and typecheck run in this
// package, on the template itself). Here: that it writes the right files under the right
// names, into a temporary folder (--into), never into the repository.

const track = useCleanup();
const script = join(import.meta.dirname, '..', '..', '..', 'scripts', 'new-lesson.mjs');

function newLesson(...args: string[]) {
  const into = mkdtempSync(join(tmpdir(), 'new-lesson-'));
  track(() => rmSync(into, { recursive: true, force: true }));
  const run = (...more: string[]) =>
    spawnSync(process.execPath, [script, ...args, ...more, '--into', into], { encoding: 'utf8' });
  return { into, run, ...run() };
}

/** Every file under a folder, as paths relative to it. */
function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

describe('pnpm new-lesson', () => {
  it('creates a lesson package and its page, named after the lesson', () => {
    const { into, status, stdout } = newLesson('08-streams', '--title', 'Streams and backpressure');
    expect(status).toBe(0);
    const dir = join(into, 'packages', '08-streams');
    expect(filesIn(dir)).toEqual([
      'README.md',
      'bin/server.ts',
      'package.json',
      'src/index.ts',
      'src/options.ts',
      'src/server.ts',
      'test/server.test.ts',
      'tsconfig.json',
      'vitest.config.ts',
    ]);
    expect(existsSync(join(dir, 'exercises')), 'an empty exercises/ folder').toBe(true);

    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(manifest.name).toBe('@sockets/streams');
    expect(manifest.description).toBe('Lesson 08: Streams and backpressure.');
    expect(Object.keys(manifest.scripts)).toEqual(['server', 'test', 'typecheck', 'lint']);
    expect(manifest.dependencies).toEqual({ '@sockets/shared': 'workspace:*' });
    const tsconfig = JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8'));
    expect(tsconfig.extends).toBe('../../tsconfig.base.json');
    expect(tsconfig.include).toContain('exercises');
    expect(readFileSync(join(dir, 'src', 'options.ts'), 'utf8')).toContain('port: 7007,');
    expect(readFileSync(join(dir, 'bin', 'server.ts'), 'utf8')).toContain("runMain('streams'");

    const page = readFileSync(join(into, 'docs', 'lessons', '08-streams.md'), 'utf8');
    expect(page.split('\n', 1)[0], 'the sidebar title').toBe('# 08 · Streams and backpressure');
    expect(page).toContain('<<< @/../packages/08-streams/src/server.ts#server');
    for (const heading of ['Goal', 'Concepts', 'The code', 'Run it', 'What can go wrong']) {
      expect(page).toContain(`## ${heading}`);
    }
    expect(page).toContain('## Exercises');
    expect(stdout).toMatch(/next:\n\s+pnpm install/);
    // Not `pnpm --filter … server`: pnpm has a `server` command of its own, which runs instead.
    expect(stdout).toMatch(/^\s+pnpm lesson streams server /m);
  });

  it('leaves none of the template names behind', () => {
    const { into } = newLesson('09-rooms');
    const dir = join(into, 'packages', '09-rooms');
    const texts = [
      ...filesIn(dir).map((file) => readFileSync(join(dir, file), 'utf8')),
      readFileSync(join(into, 'docs', 'lessons', '09-rooms.md'), 'utf8'),
    ];
    for (const text of texts) {
      expect(text).not.toMatch(/lesson-name|Lesson Title|7099|\b99\b/);
    }
    expect(texts.join('\n')).toContain('# 09 · Rooms');
  });

  it('refuses a bad name, and a lesson that exists already', () => {
    const bad = newLesson('streams');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/two digits/);
    const twice = newLesson('08-streams');
    expect(twice.status).toBe(0);
    const again = twice.run();
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });
});
