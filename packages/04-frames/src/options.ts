import { type Env, envString } from '@sockets/shared';
import type { Role } from './events.ts';

export interface DemoOptions {
  /** TEXT: the message to frame; seed 001's client sends `hello, server!`. */
  text: string;
}

export const demoDefaults: DemoOptions = { text: 'hello, server!' };

export function demoOptionsFromEnv(env: Env): DemoOptions {
  return { text: envString(env, 'TEXT', demoDefaults.text) };
}

export interface AnnotateOptions {
  /** ROLE: check the frames as this side would receive them ('server': frames from a client); unset: either. */
  role: Role | undefined;
}

export const annotateDefaults: AnnotateOptions = { role: undefined };

export function annotateOptionsFromEnv(env: Env): AnnotateOptions {
  const role = envString(env, 'ROLE', '');
  if (role !== '' && role !== 'server' && role !== 'client') {
    throw new Error(`ROLE must be "server" or "client", got "${role}"`);
  }
  return { role: role === '' ? annotateDefaults.role : role };
}
