import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { runMain } from '@sockets/shared';
import {
  compareOptionsFromEnv,
  compareTransports,
  formatProgress,
  formatTable,
  type Progress,
} from '../src/index.ts';

await runMain('compare', async (log) => {
  const { out, ...options } = compareOptionsFromEnv(process.env);
  log.info(
    `${options.count} ticks of ${options.tickMs} ms over four transports (a short poll every ${options.pollMs} ms)`,
  );
  // In a terminal, one line redrawn in place; in a log (CI, a test), a line every tenth of the run.
  const interactive = process.stdout.isTTY === true;
  const every = Math.max(1, Math.ceil(options.count / 10));
  const onProgress = (progress: Progress) => {
    if (interactive) process.stdout.write(`\r${formatProgress(progress)}\x1b[K`);
    else if (progress.tick % every === 0 || progress.tick === progress.count) {
      log.info(formatProgress(progress));
    }
  };
  const comparison = await compareTransports({ ...options, onProgress });
  if (interactive) process.stdout.write('\n');
  process.stdout.write(`${formatTable(comparison)}\n`);
  if (out !== '') {
    await writeFile(out, `${JSON.stringify(comparison, null, 2)}\n`);
    log.info(`wrote ${resolve(out)}`);
  }
  return undefined;
});
