import type { BarChart } from './chart.ts';
import { type Progress, startProgress } from './progress.ts';
import { formatTable, saveResult } from './results.ts';

// What every bench is made of, so that `bin/bench.ts` can run any of them the
// same way: its settings for a real run and for the smoke run, how many
// steps its progress line counts, the run itself, and the table and charts it
// makes of its rows.

export interface BenchOptions {
  /** the smoke run: tiny settings, figures that mean nothing */
  quick: boolean;
  /** where the JSON result, the charts and anything else the bench writes go */
  outDir: string;
  /** `--cpu-prof`: profile the server under test, for the benches that can */
  cpuProfile: boolean;
}

export interface Table {
  header: string[];
  rows: (string | number)[][];
}

export interface Bench<Settings extends object, Row> {
  /** one line for the usage message: what it measures */
  about: string;
  settings: { full: Settings; quick: Settings };
  /** how many steps the progress line counts */
  steps(settings: Settings): number;
  run(settings: Settings, progress: Progress, options: BenchOptions): Promise<Row[]> | Row[];
  table(rows: Row[]): Table;
  charts(rows: Row[]): Record<string, BarChart>;
}

/** Runs a bench with its settings, saves its result and charts, and prints its table. */
export async function runBench<Settings extends object, Row>(
  name: string,
  bench: Bench<Settings, Row>,
  options: BenchOptions,
): Promise<void> {
  const settings = options.quick ? bench.settings.quick : bench.settings.full;
  const progress = startProgress(`bench ${name}`, bench.steps(settings));
  const rows = await bench.run(settings, progress, options);
  progress.finish(`${rows.length} rows`);
  saveResult(options.outDir, name, settings, rows, bench.charts(rows));
  const { header, rows: cells } = bench.table(rows);
  console.log(formatTable(header, cells));
}

/** Number formats the tables share. */
export const fixed = (digits: number) => (value: number) => value.toFixed(digits);
export const whole = (value: number) => Math.round(value).toLocaleString('en-US');
export const ms = (value: number) => `${value.toFixed(1)} ms`;
