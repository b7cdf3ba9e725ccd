// Exercise 02.2: back off. Lesson 02's client waits the same READ_TIMEOUT_MS before every
// retry. When a server goes away, a thousand clients then retry in lock-step, and when it
// comes back they all hit it in the same millisecond. So, as DNS resolvers and most
// cloud SDKs do, wait twice as long after each try (exponential backoff), up to a ceiling,
// and spread the waits a little at random (jitter) so that the clients drift apart.

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
  const { baseMs, maxMs, jitter, random } = { ...backoffDefaults, ...options };
  const exponential = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  // random() in [0, 1) → a factor in [1 - jitter, 1 + jitter); random() = 0.5 is exact.
  // The jitter comes after the cap, so that clients stuck at the ceiling still drift apart.
  return Math.round(exponential * (1 + jitter * (2 * random() - 1)));
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
  for (let attempt = 1; attempt <= options.tries; attempt += 1) {
    const reply = await tryOnce(backoffDelay(attempt, options), attempt);
    if (reply !== undefined) return reply;
  }
  throw new GaveUpError(options.tries);
}
