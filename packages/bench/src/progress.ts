// A live progress display for long runs: on a terminal one line rewritten in
// place, elsewhere (CI logs) a plain line every few seconds.

export interface Progress {
  /** `done` of `total` steps of the current case; `detail` is a short note. */
  update(done: number, detail?: string): void;
  /** Ends the line with a result. */
  finish(result: string): void;
}

export function startProgress(
  label: string,
  total: number,
  out: NodeJS.WriteStream = process.stderr,
): Progress {
  const started = performance.now();
  let lastPlainLine = 0;
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const bar = (fraction: number) => {
    const width = 20;
    const filled = Math.round(Math.min(1, fraction) * width);
    return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  };
  return {
    update(done, detail = '') {
      const fraction = total === 0 ? 1 : done / total;
      const line = `${label}  ${bar(fraction)} ${Math.floor(fraction * 100)}%  ${elapsed()}  ${detail}`;
      if (out.isTTY) {
        out.write(`\r${line.slice(0, out.columns - 1).padEnd(out.columns - 1)}`);
      } else if (performance.now() - lastPlainLine > 3000) {
        lastPlainLine = performance.now();
        out.write(`${line}\n`);
      }
    },
    finish(result) {
      const line = `${label}  ${elapsed()}  ${result}`;
      out.write(out.isTTY ? `\r${line.padEnd(out.columns - 1)}\n` : `${line}\n`);
    },
  };
}
