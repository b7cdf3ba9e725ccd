import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// The exercise convention (see docs/workshop/exercises.md):
//   packages/<nn-lesson>/exercises/<n>-<slug>/{starter.ts, solution.ts, exercise.test.ts}

export interface Exercise {
  /** `01-tcp` */
  lesson: string;
  /** `1-length-prefix` */
  folder: string;
  /** The exercise's folder, absolute. */
  dir: string;
}

export const packagesDir = join(import.meta.dirname, '..', '..');

/** Every lesson package: the folders of packages/ named `<nn>-<name>`. */
export function lessonFolders(): string[] {
  return readdirSync(packagesDir)
    .filter((folder) => /^\d\d-/.test(folder))
    .sort();
}

/** Every exercise of every lesson, in lesson and exercise order. */
export function findExercises(): Exercise[] {
  return lessonFolders().flatMap((lesson) => {
    const exercisesDir = join(packagesDir, lesson, 'exercises');
    if (!existsSync(exercisesDir)) return [];
    return readdirSync(exercisesDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && /^\d+-/.test(entry.name))
      .map((entry) => entry.name)
      .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10))
      .map((folder) => ({ lesson, folder, dir: join(exercisesDir, folder) }));
  });
}
