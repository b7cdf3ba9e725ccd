import { type ReceivedEvent, Receiver, type ReceiverOptions } from '../src/index.ts';

/** Everything a fresh receiver reports for these bytes, pushed chunk by chunk. */
export function receive(
  chunks: Buffer | Buffer[],
  options: ReceiverOptions = { role: 'server' },
): ReceivedEvent[] {
  const receiver = new Receiver(options);
  return (Array.isArray(chunks) ? chunks : [chunks]).flatMap((chunk) => receiver.push(chunk));
}
