import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { once } from 'node:events';

export interface Datagram {
  data: Buffer;
  from: RemoteInfo;
}

/**
 * A bare udp4 socket on 127.0.0.1 and a free port, to play a client (or a
 * server that never answers) below the lesson's own code.
 */
export async function openRawSocket(): Promise<Socket> {
  const socket = createSocket('udp4');
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  return socket;
}

export function closeRawSocket(socket: Socket): Promise<void> {
  return new Promise((resolve) => socket.close(() => resolve()));
}

/** Resolves with the next `count` datagrams the socket receives, one per 'message' event. */
export function nextDatagrams(socket: Socket, count: number): Promise<Datagram[]> {
  return new Promise((resolve) => {
    const received: Datagram[] = [];
    const onMessage = (data: Buffer, from: RemoteInfo) => {
      received.push({ data, from });
      if (received.length < count) return;
      socket.off('message', onMessage);
      resolve(received);
    };
    socket.on('message', onMessage);
  });
}

/** Sort byte strings so that two lists can be compared whatever order they arrived in. */
export function sortedHex(buffers: Buffer[]): string[] {
  return buffers.map((buffer) => buffer.toString('hex')).sort();
}
