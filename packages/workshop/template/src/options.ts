import { type Env, envOptions } from '@sockets/shared';

export interface ServerOptions {
  /** HOST: where the server listens. */
  host: string;
  /** PORT: 0 asks the OS for any free port. */
  port: number;
}

// #region defaults
export const serverDefaults: ServerOptions = {
  host: 'localhost',
  // Pick a port no other lesson uses, and say why on the lesson's page.
  port: 7099,
};
// #endregion defaults

/** Each option from its variable: HOST, PORT (see envOptions in CONTRIBUTING.md). */
export function serverOptionsFromEnv(env: Env): ServerOptions {
  return envOptions(env, serverDefaults);
}
