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
