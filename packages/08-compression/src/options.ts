import {
  type EchoClientOptions,
  type EchoServerOptions,
  clientDefaults as echoClientDefaults,
  clientOptionsFromEnv as echoClientOptionsFromEnv,
  serverDefaults as echoServerDefaults,
  serverOptionsFromEnv as echoServerOptionsFromEnv,
} from '@sockets/echo';
import { type Env, envInteger, envString } from '@sockets/shared';
import { type DeflateOptions, deflateDefaults } from './negotiate.ts';

// Lesson 05's echo options, plus the switch and the four RFC 7692 parameters
// (each an environment variable), so the same server can be run with and
// without compression, with small windows or none kept between messages.

// #region options
export interface CompressionOptions extends DeflateOptions {
  /** PERMESSAGE_DEFLATE: 1 to negotiate permessage-deflate, 0 to decline it (lesson 05's behaviour). */
  permessageDeflate: boolean;
}

export const compressionDefaults: CompressionOptions = {
  permessageDeflate: true,
  ...deflateDefaults,
};

export type CompressionServerOptions = EchoServerOptions & CompressionOptions;
export type CompressionClientOptions = EchoClientOptions & CompressionOptions;

export const serverDefaults: CompressionServerOptions = {
  ...echoServerDefaults,
  // Next to lessons 01 (7000) and 02 (7001), so that lesson 05 can run beside it on 8080.
  port: 7007,
  ...compressionDefaults,
};

export const clientDefaults: CompressionClientOptions = {
  ...echoClientDefaults,
  url: 'ws://localhost:7007/echo',
  ...compressionDefaults,
};
// #endregion options

export function compressionOptionsFromEnv(env: Env): CompressionOptions {
  return {
    permessageDeflate: envSwitch(env, 'PERMESSAGE_DEFLATE', compressionDefaults.permessageDeflate),
    serverNoContextTakeover: envSwitch(
      env,
      'SERVER_NO_CONTEXT_TAKEOVER',
      compressionDefaults.serverNoContextTakeover,
    ),
    clientNoContextTakeover: envSwitch(
      env,
      'CLIENT_NO_CONTEXT_TAKEOVER',
      compressionDefaults.clientNoContextTakeover,
    ),
    serverMaxWindowBits: envWindowBits(
      env,
      'SERVER_MAX_WINDOW_BITS',
      compressionDefaults.serverMaxWindowBits,
    ),
    clientMaxWindowBits: envWindowBits(
      env,
      'CLIENT_MAX_WINDOW_BITS',
      compressionDefaults.clientMaxWindowBits,
    ),
    thresholdBytes: envInteger(env, 'COMPRESS_THRESHOLD_BYTES', compressionDefaults.thresholdBytes),
  };
}

export function serverOptionsFromEnv(env: Env): CompressionServerOptions {
  return {
    ...echoServerOptionsFromEnv(env),
    port: envInteger(env, 'PORT', serverDefaults.port),
    ...compressionOptionsFromEnv(env),
  };
}

export function clientOptionsFromEnv(env: Env): CompressionClientOptions {
  return {
    ...echoClientOptionsFromEnv(env),
    url: envString(env, 'URL', clientDefaults.url),
    ...compressionOptionsFromEnv(env),
  };
}

/** 1 or 0: PERMESSAGE_DEFLATE=0 turns compression off. */
function envSwitch(env: Env, name: string, fallback: boolean): boolean {
  const value = envInteger(env, name, fallback ? 1 : 0);
  if (value > 1) throw new Error(`${name} must be 1 (on) or 0 (off), got "${env[name]}"`);
  return value === 1;
}

/**
 * RFC 7692 §7.1.2 allows 8 to 15, but zlib's raw DEFLATE has no 8-bit window
 * (deflate.ts), so we compress with 9 at least.
 */
function envWindowBits(env: Env, name: string, fallback: number): number {
  const bits = envInteger(env, name, fallback);
  if (bits < 9 || bits > 15) throw new Error(`${name} must be 9 to 15, got "${env[name]}"`);
  return bits;
}
