// In-process timing for the micro-benchmarks: run a step again and again for a
// time budget and report how many units (messages, bytes) it got through per
// second. Several short rounds and their median beat one long run: a garbage
// collection or a neighbour's burst spoils one round, not the figure.

import { median } from './stats.ts';

export interface Rate {
  /** units per second, the median of the rounds */
  perSecond: number;
  rounds: number[];
}

/**
 * `step` does some work and returns how many units it did. It runs until
 * `budgetMs` has passed, `rounds` times, after one unmeasured warm-up round so
 * the JIT has compiled it.
 */
export function measureRate(step: () => number, budgetMs: number, rounds: number): Rate {
  const round = () => {
    let units = 0;
    const started = performance.now();
    let elapsed = 0;
    while (elapsed < budgetMs) {
      units += step();
      elapsed = performance.now() - started;
    }
    return (units / elapsed) * 1000;
  };
  round();
  const results = Array.from({ length: rounds }, round);
  return { perSecond: median(results), rounds: results };
}
