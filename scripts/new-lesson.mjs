// `pnpm new-lesson <nn-name> [--title "…"] [--into DIR]`: start a new lesson.
//   pnpm new-lesson 08-streams --title "Streams and backpressure"
// Copies packages/workshop/template/ to packages/<nn-name>/ (a package that lints,
// typechecks and passes its tests as it is) and its page to docs/lessons/<nn-name>.md, where
// the sidebar finds it. --into DIR writes both under DIR instead of this repository (the
// workshop's test uses it); the lesson is then not registered with the workshop package.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const repo = join(import.meta.dirname, '..');
const template = join(repo, 'packages', 'workshop', 'template');

function usage(message) {
  console.error(`${message}\n`);
  console.error('usage: pnpm new-lesson <nn-name> [--title "…"] [--into DIR]');
  console.error('  e.g. pnpm new-lesson 08-streams --title "Streams and backpressure"');
  process.exit(1);
}

const args = process.argv.slice(2);
const option = (flag) => {
  const i = args.indexOf(flag);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (value === undefined) usage(`${flag} needs a value`);
  args.splice(i, 2);
  return value;
};
const into = option('--into');
const root = into ?? repo;
const folder = args[0];
if (!folder || !/^\d\d-[a-z][a-z0-9-]*$/.test(folder)) {
  usage('name the lesson <two digits>-<lower-case name>, such as 08-streams');
}
const number = folder.slice(0, 2);
const name = folder.slice(3);
const title = option('--title') ?? name.charAt(0).toUpperCase() + name.slice(1).replace(/-/g, ' ');
const packageDir = join(root, 'packages', folder);
const pagePath = join(root, 'docs', 'lessons', `${folder}.md`);
if (existsSync(packageDir)) usage(`${relative(process.cwd(), packageDir)} already exists`);
if (existsSync(pagePath)) usage(`${relative(process.cwd(), pagePath)} already exists`);

// #region fill
// The template is a working lesson called 99-lesson-name ("Lesson Title", port 7099):
// these replacements make it this one. Its port is 7000 + the number − 1, next to
// lessons 01 (7000) and 02 (7001); change it if it clashes.
const port = String(7000 + Number(number) - 1);
const fill = (text) =>
  text
    .replaceAll('99-lesson-name', folder)
    .replaceAll('lesson-name', name)
    .replaceAll('Lesson Title', title)
    .replaceAll('7099', port)
    .replace(/\b99\b/g, number);
// #endregion fill

/** Copy a folder of the template, filling in every file, skipping what a run left behind. */
function copyFilled(from, to) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (['node_modules', 'test-results.json', 'lesson.md'].includes(entry.name)) continue;
    const source = join(from, entry.name);
    // The template's tsconfig extends ../../tsconfig.base.json, which is right only once it
    // sits in packages/<nn-name>/: under its own name vite would follow it from the template.
    const target = join(to, entry.name === 'tsconfig.template.json' ? 'tsconfig.json' : entry.name);
    if (entry.isDirectory()) copyFilled(source, target);
    else if (/\.(ts|json|md)$/.test(entry.name)) {
      writeFileSync(target, fill(readFileSync(source, 'utf8')));
    } else cpSync(source, target);
  }
}

copyFilled(template, packageDir);
mkdirSync(join(packageDir, 'exercises'), { recursive: true });
mkdirSync(join(root, 'docs', 'lessons'), { recursive: true });
writeFileSync(pagePath, fill(readFileSync(join(template, 'lesson.md'), 'utf8')));

// The workshop checks every lesson's exercises after that lesson's own tests: turbo orders
// the two through the workshop's dependency on the lesson.
if (into === undefined) {
  const manifestPath = join(repo, 'packages', 'workshop', 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.devDependencies[`@sockets/${name}`] = 'workspace:*';
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
}

const shown = (path) => relative(process.cwd(), path) || '.';
console.log(`created ${shown(packageDir)}/ (@sockets/${name}) and ${shown(pagePath)}

next:
  pnpm install                    # link the new package to its workspace dependencies
  pnpm lesson ${name} server              # run it: listening on tcp://localhost:${port}
  pnpm --filter @sockets/${name} test     # its tests pass as generated; then make it yours
  pnpm start                      # the page is in the sidebar, titled by its first # heading

then write src/ and its tests, the page's sections, exercises in exercises/<n>-<slug>/
(pnpm exercise ${number} lists them), and a row in the README's lesson table.`);
