// The lesson packages, `packages/<nn>-<name>/`, as `pnpm lesson` and `pnpm exercise` find
// them. A lesson is named by its number (05), its folder (05-echo) or its name (echo).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const packagesDir = join(import.meta.dirname, '..', 'packages');

export function findLessons() {
  return readdirSync(packagesDir)
    .filter((folder) => /^\d\d-/.test(folder))
    .map((folder) => {
      const dir = join(packagesDir, folder);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return { folder, number: folder.slice(0, 2), name: folder.slice(3), dir, manifest };
    });
}

export function findLesson(lessons, wanted) {
  return lessons.find((lesson) => [lesson.folder, lesson.number, lesson.name].includes(wanted));
}
