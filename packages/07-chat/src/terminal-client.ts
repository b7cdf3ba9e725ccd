import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { CloseCode } from '@sockets/frames';
import { type Closable, quote, SEND_BUFFER_LIMIT } from '@sockets/shared';
import { WebSocket } from 'ws';
import { describeEvent, parseEvent } from './messages.ts';
import type { ChatClientOptions } from './options.ts';

// A chat client for the terminal: prints what arrives, sends each line you
// type. seed 004's chat has only the browser page; this is the same protocol
// from a program, and with COUNT=n it can be scripted: it sends n messages,
// waits until the hub has relayed all n back to it, and closes with 1000.

// #region terminal-client
export async function startChatClient(
  options: ChatClientOptions,
  input: Readable = process.stdin,
): Promise<Closable> {
  const { log, count } = options;
  const url = new URL(options.url);
  if (options.name !== '') url.searchParams.set('name', options.name);

  const socket = new WebSocket(url);
  // Listen before awaiting 'open': the server's first messages can arrive in
  // the same TCP packet as its 101 response, and ws emits them straight after
  // 'open', before an `await` would let us attach a listener.
  let opened = false;
  socket.once('open', () => {
    opened = true;
    log.info(`connected to ${url}`);
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  let myName = '';
  let echoed = 0;
  socket.on('message', (data) => {
    let event: ReturnType<typeof parseEvent>;
    try {
      event = parseEvent(data.toString());
    } catch {
      log.warn(`not a chat event: ${quote(data.toString())}`);
      return;
    }
    log.info(describeEvent(event));
    if (event.type === 'welcome') myName = event.name;
    if (count > 0 && event.type === 'message' && event.from === myName) {
      echoed += 1;
      if (echoed === count) socket.close(CloseCode.normal, 'done');
    }
  });
  socket.on('close', (code, reason) => {
    if (!opened) return; // runMain explains why it never opened
    log.info(`closed (${code}${reason.length > 0 ? ` ${quote(reason.toString())}` : ''})`);
  });

  await once(socket, 'open'); // rejects with the 'error' (ECONNREFUSED, a 403 …)
  socket.on('error', (error) => log.warn(error.message));

  if (count > 0) {
    for (let i = 1; i <= count; i++) socket.send(`hello ${i} of ${count}`);
  } else {
    const lines = createInterface({ input });
    lines.on('line', (line) => {
      if (line.trim() === '' || socket.readyState !== WebSocket.OPEN) return;
      // Piped input can come faster than the server reads it, and ws's send
      // never refuses: without a pause, a server that stops reading would
      // make us hold all of stdin in memory. The same bound as 05's ws server.
      socket.send(line, () => {
        if (socket.bufferedAmount < SEND_BUFFER_LIMIT) lines.resume();
      });
      if (socket.bufferedAmount >= SEND_BUFFER_LIMIT) lines.pause();
    });
    lines.on('close', () => socket.close(CloseCode.normal, 'bye')); // Ctrl+D
    socket.on('close', () => lines.close());
  }

  return {
    close: async () => {
      if (socket.readyState === WebSocket.OPEN) socket.close(CloseCode.normal, 'bye');
      await closed;
    },
  };
}
// #endregion terminal-client
