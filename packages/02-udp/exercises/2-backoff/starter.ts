// Exercise 02.2: back off. Lesson 02's client waits the same READ_TIMEOUT_MS before every
// retry. When a server goes away, a thousand clients then retry in lock-step, and when it
// comes back they all hit it in the same millisecond. So, as DNS resolvers and most
// cloud SDKs do, wait twice as long after each try (exponential backoff), up to a ceiling,
// and spread the waits a little at random (jitter) so that the clients drift apart.
//
// Check your work: pnpm exercise 02 2

export interface BackoffOptions {
  /** The first try's timeout. */
  baseMs: number;
  /** No try waits longer than this, however many came before. */
  maxMs: number;
  /** How far each wait is spread at random: 0.1 is ±10 %. */
  jitter: number;
  /** Where the randomness comes from: a number in [0, 1). Tests pass a fixed one. */
  random: () => number;
}

export const backoffDefaults: BackoffOptions = {
  baseMs: 1000,
  maxMs: 30_000,
  jitter: 0.1,
  random: Math.random,
};

/**
 * How long try number `attempt` (1, 2, 3 …) waits for its reply: baseMs, doubled for each
 * try before it, capped at maxMs, then moved by up to ±jitter at random, in whole ms.
 */
export function backoffDelay(attempt: number, options: Partial<BackoffOptions> = {}): number {
  const { baseMs } = { ...backoffDefaults, ...options };
  // TODO(exercise): baseMs · 2^(attempt − 1), at most maxMs; then multiply by a factor
  // between 1 − jitter and 1 + jitter taken from random() (random() = 0.5 → exactly 1);
  // round to whole milliseconds. Which comes first, the cap or the jitter, and why?
  return baseMs;
}

/** Every try timed out. */
export class GaveUpError extends Error {
  constructor(readonly tries: number) {
    super(`no reply after ${tries} tries`);
    this.name = 'GaveUpError';
  }
}

/**
 * Call `tryOnce(timeoutMs, attempt)` until it resolves with a reply, giving each try the
 * timeout backoffDelay says; after `tries` tries that all resolved `undefined` (timed out),
 * reject with GaveUpError. The waiting itself is the try's job (lesson 02's tryOnce does it
 * with setTimeout), which keeps this function free of timers and easy to test.
 */
export async function retryWithBackoff<T>(
  tryOnce: (timeoutMs: number, attempt: number) => Promise<T | undefined>,
  options: Partial<BackoffOptions> & { tries: number },
): Promise<T> {
  // TODO(exercise): try 1, 2 … up to options.tries, each with backoffDelay(attempt, options);
  // return the first reply; if none came, throw new GaveUpError(options.tries).
  const reply = await tryOnce(backoffDelay(1, options), 1);
  if (reply === undefined) throw new GaveUpError(1);
  return reply;
}
