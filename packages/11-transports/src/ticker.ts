// The live feed the four transports deliver: a counter with a fake price,
// ticking every TICK_MS. Each tick carries the server's clock reading, so a
// client can tell how late it saw it (both clocks are the same machine's in
// this lesson; across machines they would first have to agree).

// #region tick
export interface Tick {
  /** 1, 2, 3 …: a client that saw 7 and then 9 missed 8. */
  n: number;
  /** When the server made it: milliseconds since 1970, to a tenth. */
  at: number;
  /** A made-up price that wanders by up to half a unit a tick. */
  price: number;
}
// #endregion tick

/** The wall clock to a tenth of a millisecond (Date.now() has whole ones only). */
export function now(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 10) / 10;
}

export type TickListener = (tick: Tick) => void;

// #region ticker
export class Ticker {
  /** The last `history` ticks, oldest first: what a client that fell behind catches up from. */
  readonly #history: Tick[] = [];
  readonly #listeners = new Set<TickListener>();
  readonly #timer: NodeJS.Timeout;
  #price = 100;

  constructor(
    tickMs: number,
    readonly history: number,
  ) {
    this.#timer = setInterval(() => this.tick(), tickMs);
  }

  /** Makes the next tick now and hands it to every listener (the timer calls this). */
  tick(): Tick {
    this.#price = Math.round((this.#price + Math.random() - 0.5) * 100) / 100;
    const tick = { n: (this.latest?.n ?? 0) + 1, at: now(), price: this.#price };
    this.#history.push(tick);
    // Bounded memory: a client further behind than this has missed the rest.
    if (this.#history.length > this.history) this.#history.shift();
    for (const listener of this.#listeners) listener(tick);
    return tick;
  }

  get latest(): Tick | undefined {
    return this.#history.at(-1);
  }

  /**
   * The kept ticks newer than `after`, oldest first. An `after` beyond the
   * latest tick comes from a client of an earlier run of the server (the
   * count starts at 1 again after a restart): all of them are news to it.
   */
  since(after: number): Tick[] {
    if (after > (this.latest?.n ?? 0)) return [...this.#history];
    return this.#history.filter((tick) => tick.n > after);
  }

  /** Calls `listener` with every tick from now on; returns the way to stop. */
  subscribe(listener: TickListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
// #endregion ticker
