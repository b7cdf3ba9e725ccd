import { once } from 'node:events';
import { WebSocket } from 'ws';

type Track = <T extends () => unknown>(cleanup: T) => T;

// The ws library as the well-behaved peer in a test: a client that opens,
// and promises for what it receives. Every WebSocket lesson's tests use these.

/** A ws client, open; terminated after the test if it is still open. */
export async function wsClient(
  track: Track,
  url: string,
  options: ConstructorParameters<typeof WebSocket>[2] = {},
): Promise<WebSocket> {
  const socket = new WebSocket(url, options);
  track(() => socket.terminate());
  await once(socket, 'open');
  return socket;
}

/** The close code and reason the client saw. */
export function closeOf(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
}

/** The next message the client receives. */
export function nextMessage(socket: WebSocket): Promise<{ data: Buffer; isBinary: boolean }> {
  return new Promise((resolve) =>
    socket.once('message', (data, isBinary) => resolve({ data: data as Buffer, isBinary })),
  );
}
