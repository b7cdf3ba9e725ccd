import { type Cleanup, captureLogger } from '@sockets/testkit';
import { type ChatServerOptions, startChatServer } from '../src/index.ts';

/** A chat server on port 0 whose log lines a test can read; closed after the test. */
export async function startTestServer(
  track: (cleanup: Cleanup) => unknown,
  options: Partial<ChatServerOptions> = {},
) {
  const captured = captureLogger('chat');
  const server = await startChatServer({ port: 0, log: captured.log, ...options });
  track(() => server.close());
  return { server, ...captured };
}
