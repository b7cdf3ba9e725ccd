import { type EchoClient, startEchoClient } from '@sockets/echo';
import { createLogger } from '@sockets/shared';
import { type CompressionClientOptions, clientDefaults } from './options.ts';
import { permessageDeflate } from './support.ts';

// #region client
/** Lesson 05's echo client, offering permessage-deflate (PERMESSAGE_DEFLATE=0: offering nothing). */
export function startCompressionClient(
  overrides: Partial<CompressionClientOptions> = {},
): Promise<EchoClient> {
  const options = { ...clientDefaults, ...overrides };
  const log = options.log ?? createLogger('client');
  const extensions = options.permessageDeflate ? permessageDeflate(options, log) : undefined;
  return startEchoClient({ ...options, log, extensions });
}
// #endregion client
