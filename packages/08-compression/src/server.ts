import { readFile } from 'node:fs/promises';
import { type EchoServer, type SessionFactory, startEchoServer } from '@sockets/echo';
import { createLogger } from '@sockets/shared';
import { type CompressionServerOptions, serverDefaults } from './options.ts';
import { permessageDeflate } from './support.ts';

// #region server
/**
 * Lesson 05's echo server, with permessage-deflate negotiated on every
 * connection whose client offers it (all browsers do). PERMESSAGE_DEFLATE=0
 * gives lesson 05's server back: every offer declined.
 */
export async function startCompressionServer(
  overrides: Partial<CompressionServerOptions> = {},
  newSession?: SessionFactory,
): Promise<EchoServer> {
  const options = { ...serverDefaults, ...overrides };
  const log = options.log ?? createLogger('compression');
  const extensions = options.permessageDeflate ? permessageDeflate(options, log) : undefined;
  // This lesson's page shows what the browser agreed to (ws.extensions).
  const page = await readFile(new URL('./page.html', import.meta.url), 'utf8');
  return startEchoServer({ ...options, log, extensions, page }, newSession);
}
// #endregion server
