import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BarChart, renderBarChart } from './chart.ts';
import { describeMachine, type Machine } from './machine.ts';

export interface BenchResult<Row> {
  bench: string;
  date: string;
  machine: Machine;
  settings: object;
  rows: Row[];
}

/**
 * Writes `<dir>/<bench>.json` and one SVG per chart next to it. A real run
 * writes to docs/public/bench/, whose committed files the Performance page shows.
 */
export function saveResult<Row>(
  dir: string,
  bench: string,
  settings: object,
  rows: Row[],
  charts: Record<string, BarChart>,
): BenchResult<Row> {
  const result: BenchResult<Row> = {
    bench,
    date: new Date().toISOString(),
    machine: describeMachine(),
    settings,
    rows,
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${bench}.json`), `${JSON.stringify(result, null, 2)}\n`);
  for (const [name, chart] of Object.entries(charts)) {
    writeFileSync(join(dir, `${bench}-${name}.svg`), renderBarChart(chart));
  }
  return result;
}

/** A plain-text table for the terminal summary. */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ');
  return [
    line(cells[0]!),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.slice(1).map(line),
  ].join('\n');
}
