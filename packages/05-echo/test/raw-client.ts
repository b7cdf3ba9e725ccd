import type { Socket } from 'node:net';
import { type ReceivedEvent, Receiver } from '@sockets/frames';
import { clientHandshake } from '@sockets/handshake';

// A WebSocket client with no rules of its own, for the conformance tests: the
// handshake is lesson 03's, and after it the test writes any bytes it likes
// (good frames from lesson 04's encoder, bad ones from testkit's rawFrame)
// and reads the server's frames with lesson 04's Receiver in the client role.

export type ServerEvent = ReceivedEvent | { kind: 'end' };

export interface RawClient {
  socket: Socket;
  write(...frames: (Buffer | Buffer[])[]): void;
  /** The server's next frame, or `end` once its TCP connection has ended. */
  next(): Promise<ServerEvent>;
  /** Skips nothing: the next event must be a close frame, and then TCP must end. */
  closed(): Promise<{ code: number; reason: string }>;
}

export async function openRawClient(url: string, origin?: string): Promise<RawClient> {
  const { socket, head } = await clientHandshake(url, origin === undefined ? {} : { origin });
  const receiver = new Receiver({ role: 'client' });
  const queue: ServerEvent[] = [];
  const waiting: ((event: ServerEvent) => void)[] = [];
  const deliver = (event: ServerEvent) => {
    const waiter = waiting.shift();
    if (waiter === undefined) queue.push(event);
    else waiter(event);
  };
  const read = (chunk: Buffer) => {
    for (const event of receiver.push(chunk)) deliver(event);
  };
  socket.on('error', () => {});
  socket.once('close', () => deliver({ kind: 'end' }));
  read(head);
  socket.on('data', read);

  const next = () => {
    const event = queue.shift();
    if (event !== undefined) return Promise.resolve(event);
    return new Promise<ServerEvent>((resolve) => waiting.push(resolve));
  };
  return {
    socket,
    write: (...frames) => {
      socket.cork();
      for (const frame of frames.flat()) socket.write(frame);
      socket.uncork();
    },
    next,
    async closed() {
      const close = await next();
      if (close.kind !== 'close') throw new Error(`expected a close frame, got ${describe(close)}`);
      const end = await next();
      if (end.kind !== 'end') throw new Error(`expected TCP to end, got ${describe(end)}`);
      return { code: close.code, reason: close.reason };
    },
  };
}

function describe(event: ServerEvent): string {
  return JSON.stringify(event, (_key, value) =>
    value?.type === 'Buffer' ? `<${value.data.length} bytes>` : value,
  );
}
