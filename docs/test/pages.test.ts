import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The site must keep up with the code: every lesson package has a page, and
// every `pnpm lesson <lesson> <script>` a page tells a learner to type names a
// script that exists. And every command must run in the learner's shell:
// `PORT=9000 pnpm …` is POSIX shell syntax that PowerShell and cmd reject, so
// pages pass settings as `pnpm lesson <lesson> <script> PORT=9000`.
const repoRoot = join(import.meta.dirname, '..', '..');
const lessonFolders = readdirSync(join(repoRoot, 'packages')).filter((f) => /^\d\d-/.test(f));
/** The lessons a learner can read about: a package still being written has no page yet. */
const publishedLessons = lessonFolders.filter((f) =>
  existsSync(join(repoRoot, 'docs', 'lessons', `${f}.md`)),
);
const pages = readdirSync(join(repoRoot, 'docs'), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.md') && !e.parentPath.includes('node_modules'))
  .map((e) => join(e.parentPath, e.name));

function scriptsOf(folder: string): Record<string, string> {
  const manifest = JSON.parse(
    readFileSync(join(repoRoot, 'packages', folder, 'package.json'), 'utf8'),
  );
  return manifest.scripts ?? {};
}

// At the start of a line or of inline code: one or more `NAME=value ` (a value
// may be quoted or a `$(…)`), then a program.
const leadingAssignments =
  /(?:^|`)\s*(?:[A-Z][A-Z0-9_]*=(?:\$\(.*?\)|'[^']*'|"[^"]*"|\S+)\s+)+(?:pnpm|npx|node|tsx)\b/;

function lessonFolder(name: string): string | undefined {
  return lessonFolders.find((f) => f === name || f.slice(0, 2) === name || f.slice(3) === name);
}

describe('the docs site and the lessons', () => {
  it.each(lessonFolders)('%s has a docs page', (folder) => {
    expect(existsSync(join(repoRoot, 'docs', 'lessons', `${folder}.md`))).toBe(true);
  });

  it('names only lesson scripts that exist', () => {
    const commands = pages.flatMap((page) => {
      const text = readFileSync(page, 'utf8');
      // A page that shows `pnpm new-lesson 12-streams` may then run the lesson it made.
      const made = [...text.matchAll(/pnpm new-lesson \d\d-([\w-]+)/g)].map((m) => m[1]);
      return [...text.matchAll(/pnpm lesson ([\w-]+) ([\w:-]+)/g)]
        .filter((m) => !made.includes(m[1]))
        .map((m) => ({ page, lesson: m[1]!, script: m[2]! }));
    });
    const broken = commands
      .filter(({ lesson }) => lesson !== '<lesson>')
      .filter(({ lesson, script }) => {
        const folder = lessonFolder(lesson);
        return folder === undefined || scriptsOf(folder)[script] === undefined;
      })
      .map(({ page, lesson, script }) => `${page}: pnpm lesson ${lesson} ${script}`);
    expect(broken).toEqual([]);
  });

  it('writes no command as `NAME=value pnpm …`, which PowerShell and cmd reject', () => {
    const posixOnly = pages.flatMap((page) =>
      readFileSync(page, 'utf8')
        .split('\n')
        .flatMap((line, index) =>
          leadingAssignments.test(line)
            ? [`${relative(repoRoot, page)}:${index + 1}: ${line.trim()}`]
            : [],
        ),
    );
    expect(posixOnly).toEqual([]);
  });

  it('quotes no test count, which changes with every test added', () => {
    const counts = pages.flatMap((page) =>
      [...readFileSync(page, 'utf8').matchAll(/tests: \d+ passed/g)].map(
        (m) => `${relative(repoRoot, page)}: ${m[0]}`,
      ),
    );
    expect(counts).toEqual([]);
  });

  it('names the lessons that serve a page as the ones that need a browser', () => {
    const withPage = publishedLessons.filter((f) =>
      existsSync(join(repoRoot, 'packages', f, 'src', 'page.html')),
    );
    const checklist = readFileSync(
      join(repoRoot, 'docs', 'workshop', '03-setup-checklist.md'),
      'utf8',
    );
    const named = checklist.match(/\*\*A browser\*\* for lessons ([\d, and]+\d)/)?.[1] ?? '';
    expect(named.match(/\d\d/g)).toEqual(withPage.map((f) => f.slice(0, 2)));
  });

  it('names every lesson whose server defaults to port 8080 where it says so', async () => {
    // Each lesson's own defaults: its server options read from an empty environment
    // (CONTRIBUTING.md: `src/options.ts`, `…OptionsFromEnv(env)`).
    const on8080: string[] = [];
    for (const folder of publishedLessons) {
      const file = join(repoRoot, 'packages', folder, 'src', 'options.ts');
      if (!existsSync(file)) continue;
      const options: Record<string, unknown> = await import(file);
      const ports = Object.entries(options)
        .filter(([name]) => /OptionsFromEnv$/.test(name) && !/client/i.test(name))
        .map(([, read]) => (read as (env: object) => { port?: number })({}).port);
      if (ports.includes(8080)) on8080.push(folder.slice(0, 2));
    }
    const troubleshooting = readFileSync(
      join(repoRoot, 'docs', 'reference', '05-troubleshooting.md'),
      'utf8',
    );
    const named =
      troubleshooting.match(/lessons ([\d, and\s]+\d)\s+(?:all|both) default to 8080/)?.[1] ?? '';
    expect(named.match(/\d\d/g)).toEqual(on8080);
  });

  it("says to stop lesson 01's server before the one-liner that takes its port", () => {
    const page = readFileSync(join(repoRoot, 'docs', 'lessons', '01-tcp.md'), 'utf8');
    const oneLiner = page.indexOf('.listen(7000');
    const step = page.slice(page.lastIndexOf('**ECONNRESET', oneLiner), oneLiner);
    expect(step).toMatch(/stop the lesson's server/i);
  });

  it('recognises the commands it forbids', () => {
    const forbidden = [
      'COUNT=3 pnpm lesson tcp client',
      'NAME=bob COUNT=2 pnpm lesson chat client',
      'if the port is taken, `PORT=7070 pnpm lesson tcp server`.',
      `MESSAGE=$(node -e "process.stdout.write('x'.repeat(70000))") pnpm lesson udp client`,
      "TEXT='你好' npx tsx bin/demo.ts",
      'LOG_LEVEL=info node bin/server.ts',
    ];
    const allowed = [
      'pnpm lesson tcp client COUNT=3',
      '[udp-server] warn: dropped datagram 1 on purpose (DROP_FIRST=2): no reply',
      'use `PORT=7070` on both sides',
      '$env:PORT = "9000"; pnpm lesson tcp server',
    ];
    expect(forbidden.filter((line) => !leadingAssignments.test(line))).toEqual([]);
    expect(allowed.filter((line) => leadingAssignments.test(line))).toEqual([]);
  });
});
