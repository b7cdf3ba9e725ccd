// Every hard-coded number in the seeds becomes a named option with the seed's
// value as default and an environment override (HANDSHAKE_TIMEOUT_MS=500 …),
// so tests and workshops can shrink it. These readers turn a bad value into a
// clear error instead of a NaN that surfaces much later.

export type Env = Record<string, string | undefined>;

export function envString(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
}

export function envInteger(env: Env, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value.trim())) {
    throw new Error(`${name} must be a whole number of 0 or more, got "${value}"`);
  }
  return Number(value.trim());
}

/** A comma-separated list, e.g. ALLOWED_ORIGINS="http://localhost:8080, http://127.0.0.1:8080". */
export function envList(env: Env, name: string, fallback: readonly string[]): string[] {
  const value = env[name];
  if (value === undefined || value === '') return [...fallback];
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * ALLOWED_ORIGINS, the browser origins a WebSocket server accepts; undefined
 * when unset (or empty), and the server then allows its own page's origins,
 * which only it knows once it listens (RFC 6455 §10.2: a server checks Origin).
 */
export function envAllowedOrigins(env: Env): string[] | undefined {
  const origins = envList(env, 'ALLOWED_ORIGINS', []);
  return origins.length > 0 ? origins : undefined;
}

/** One of a few words, e.g. BUS=streams or BUS=pubsub; anything else is refused, naming them. */
export function envChoice<const C extends string>(
  env: Env,
  name: string,
  choices: readonly C[],
  fallback: C,
): C {
  const value = envString(env, name, fallback);
  if ((choices as readonly string[]).includes(value)) return value as C;
  const listed = choices.map((choice) => `"${choice}"`);
  const words = `${listed.slice(0, -1).join(', ')} or ${listed.at(-1)}`;
  throw new Error(`${name} must be ${words}, got "${value}"`);
}

/** An option's variable: its name in UPPER_SNAKE case (`handshakeTimeoutMs` ↔ HANDSHAKE_TIMEOUT_MS). */
export function envName(option: string): string {
  return option.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();
}

/**
 * Every option of `defaults` read from its variable (envName), so that an
 * option and its variable cannot drift apart: a number with envInteger, a
 * string with envString, a list with envList. The rest (a logger, a switch,
 * an option with no default, a choice to check) is copied from `defaults`,
 * for the lesson to read itself.
 */
export function envOptions<T extends object>(env: Env, defaults: T): T {
  const options = { ...defaults } as Record<string, unknown>;
  for (const [option, fallback] of Object.entries(defaults)) {
    const name = envName(option);
    if (typeof fallback === 'number') options[option] = envInteger(env, name, fallback);
    else if (typeof fallback === 'string') options[option] = envString(env, name, fallback);
    else if (Array.isArray(fallback)) options[option] = envList(env, name, fallback);
  }
  return options as T;
}
