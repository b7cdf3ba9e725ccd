import { type Env, envInteger, envString } from '@sockets/shared';

// #region defaults
export const defaults = {
  host: 'localhost',
  // Pick a port no other lesson uses, and say why on the lesson's page.
  port: 7099,
} as const;
// #endregion defaults

export interface ServerOptions {
  /** HOST: where the server listens. */
  host: string;
  /** PORT: 0 asks the OS for any free port. */
  port: number;
}

export function optionsFromEnv(env: Env): ServerOptions {
  return {
    host: envString(env, 'HOST', defaults.host),
    port: envInteger(env, 'PORT', defaults.port),
  };
}
