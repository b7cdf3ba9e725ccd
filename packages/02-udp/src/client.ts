import { createLogger, quote } from '@sockets/shared';
import { type ClientOptions, clientDefaults } from './options.ts';
import { openUdpClient } from './udp-client.ts';

// #region client
/**
 * The seed 000 client: send `hello, server!` and print the reply, COUNT times.
 * Each message carries a sequence number (` #1`, ` #2` …) so that a late reply
 * to an earlier message cannot pass for the reply to this one. Resolves with
 * the replies; rejects when one never comes (NoReplyError) or cannot be sent.
 */
export async function runUdpClient(options: ClientOptions = {}): Promise<string[]> {
  const { count, message } = { ...clientDefaults, ...options };
  const log = options.log ?? createLogger('udp-client');
  const client = await openUdpClient({ ...options, log });
  const replies: string[] = [];
  try {
    for (let sequence = 1; sequence <= count; sequence += 1) {
      const reply = await client.request(Buffer.from(`${message} #${sequence}`));
      replies.push(reply.toString('utf8'));
      log.info(`recv: ${quote(reply.toString('utf8'))}`);
    }
  } finally {
    await client.close();
  }
  return replies;
}
// #endregion client
