import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { describeEvent } from '@sockets/chat';
import { type Closable, quote } from '@sockets/shared';
import type { ScaleEvent } from './messages.ts';
import type { ScaleClientOptions } from './options.ts';
import { ReconnectingChat } from './reconnecting-client.ts';

// Lesson 07's terminal client, on a connection that comes back by itself:
// prints what arrives, sends each line you type, and after a drop says when
// it will try again, then carries on from the last message it saw.

/** One terminal line per event: lesson 07's, and this lesson's two. */
export function describeScaleEvent(event: ScaleEvent): string {
  if (event.type === 'gap')
    return '* some messages were missed: they are older than the history kept';
  if (event.type === 'error') return `* ${event.message}`;
  return describeEvent(event);
}

// #region terminal-client
export async function startScaleClient(
  options: ScaleClientOptions,
  input: Readable = process.stdin,
): Promise<Closable | undefined> {
  const { log, count } = options;
  const chat = new ReconnectingChat(options);
  chat.on('state', (state) => {
    if (state.state === 'connected') {
      log.info(`connected to ${state.url}`);
      return;
    }
    if (state.state === 'closed') {
      log.warn(`closed by the server (${state.code} ${quote(state.reason)}): not reconnecting`);
      return;
    }
    const seconds = (state.inMs / 1000).toFixed(1);
    log.warn(`connection lost (${state.code}); reconnecting in ${seconds} s`);
  });

  let myName = '';
  let echoed = 0;
  // With COUNT, done when all our messages came back, or failed when one was
  // refused: it will never come back, and a script should hear so (exit 1).
  const done = new Promise<void>((resolve, reject) => {
    chat.on('event', (event) => {
      log.info(describeScaleEvent(event));
      if (event.type === 'welcome') myName = event.name;
      if (count > 0 && event.type === 'error') reject(new Error(event.message));
      if (count > 0 && event.type === 'message' && event.from === myName) {
        echoed += 1;
        if (echoed === count) resolve();
      }
    });
  });

  // Listening first, then waiting: the server's first messages can arrive in
  // the same TCP packet as its 101 response, and ws emits them straight after 'open'.
  await chat.opened;
  if (count > 0) {
    for (let i = 1; i <= count; i++) chat.send(`hello ${i} of ${count}`);
    try {
      await done;
    } finally {
      await chat.close(1000, 'done');
    }
    log.info('closed (1000 "done")');
    return undefined;
  }
  const lines = createInterface({ input });
  lines.on('line', (line) => {
    if (line.trim() === '') return;
    if (!chat.send(line)) log.warn('not sent: not connected right now');
  });
  lines.on('close', () => void chat.close()); // Ctrl+D
  return {
    close: async () => {
      lines.close();
      await chat.close();
    },
  };
}
// #endregion terminal-client
