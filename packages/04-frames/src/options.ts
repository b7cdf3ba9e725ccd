import { type Env, envString } from '@sockets/shared';
import type { Role } from './events.ts';

export interface DemoOptions {
  /** the message to frame; seed 001's client sends `hello, server!` */
  text: string;
}

export function demoOptionsFromEnv(env: Env): DemoOptions {
  return { text: envString(env, 'TEXT', 'hello, server!') };
}

export interface AnnotateOptions {
  /** check the frames as this side would receive them ('server': frames from a client) */
  role: Role | undefined;
}

export function annotateOptionsFromEnv(env: Env): AnnotateOptions {
  const role = envString(env, 'ROLE', '');
  if (role !== '' && role !== 'server' && role !== 'client') {
    throw new Error(`ROLE must be "server" or "client", got "${role}"`);
  }
  return { role: role === '' ? undefined : role };
}
