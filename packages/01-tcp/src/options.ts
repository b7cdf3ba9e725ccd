import { type Env, envOptions } from '@sockets/shared';

// #region defaults
// The seed (000) leaves the address as a placeholder (`serverAddr`), so this lesson picks
// port 7000 and says so on its page. Its other number is the 512-byte buffer it reads into
// once, so a longer message loses its end there. Here 512 bytes is the longest line either
// side accepts, and a longer one is refused out loud.
export const defaults: TcpOptions = {
  host: 'localhost',
  port: 7000,
  maxLineBytes: 512,
  closeTimeoutMs: 2000,
  count: Number.POSITIVE_INFINITY,
  intervalMs: 1000,
  message: 'hello, server!',
};
// #endregion defaults

export interface TcpOptions {
  /** HOST: where the server listens, and where the client connects. */
  host: string;
  /** PORT: 7000 by default; 0 asks the OS for any free port. */
  port: number;
  /** MAX_LINE_BYTES: the longest line (in bytes, before its newline) either side accepts. */
  maxLineBytes: number;
  /** CLOSE_TIMEOUT_MS: on shutdown, how long the server waits for clients to close their side. */
  closeTimeoutMs: number;
  /** COUNT: how many lines the client sends before it half-closes (no limit by default). */
  count: number;
  /** INTERVAL_MS: the pause between two of the client's lines. */
  intervalMs: number;
  /** MESSAGE: what the client sends, followed by ` #1`, ` #2`… */
  message: string;
}

/** Each option from its variable: HOST, PORT, MAX_LINE_BYTES … (see envOptions). */
export function optionsFromEnv(env: Env): TcpOptions {
  return envOptions(env, defaults);
}
