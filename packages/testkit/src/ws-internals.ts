import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as ws from 'ws';

// ws exports its Sender and Receiver (the framing layer under WebSocket) but
// @types/ws does not describe them; these are the parts the tests and the
// frames benchmark use. They are our reference implementation.

export interface WsFrameOptions {
  fin: boolean;
  mask: boolean;
  opcode: number;
  readOnly: boolean;
  rsv1: boolean;
}

export interface WsReceiver {
  write(chunk: Buffer): boolean;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): this;
  on(event: 'ping' | 'pong', listener: (data: Buffer) => void): this;
  on(event: 'conclude', listener: (code: number, reason: Buffer) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
}

export const wsInternals = ws as unknown as {
  Sender: { frame(data: Buffer, options: WsFrameOptions): Buffer[] };
  Receiver: new (options: { isServer: boolean; maxPayload?: number }) => WsReceiver;
};

/** ws's masking functions (buffer-util.js; the pure-JS versions unless bufferutil is installed). */
export const wsBufferUtil = createRequire(import.meta.url)(
  join(dirname(createRequire(import.meta.url).resolve('ws')), 'lib', 'buffer-util.js'),
) as {
  mask(source: Buffer, mask: Buffer, output: Buffer, offset: number, length: number): void;
  unmask(buffer: Buffer, mask: Buffer): void;
};

/** ws's own frame encoder, as one buffer. */
export function wsFrame(opcode: number, data: Buffer, fin: boolean, mask: boolean): Buffer {
  return Buffer.concat(
    wsInternals.Sender.frame(data, { fin, mask, opcode, readOnly: true, rsv1: false }),
  );
}

export type WsEvent =
  | { kind: 'message'; type: 'text' | 'binary'; data: Buffer }
  | { kind: 'ping' | 'pong'; data: Buffer }
  | { kind: 'close'; code: number; reason: string };

/** What ws's receiver makes of these bytes (it emits synchronously while writing). */
export function wsReceive(bytes: Buffer, isServer: boolean): WsEvent[] {
  const receiver = new wsInternals.Receiver({ isServer, maxPayload: 0 });
  const events: WsEvent[] = [];
  receiver.on('message', (data, isBinary) =>
    events.push({ kind: 'message', type: isBinary ? 'binary' : 'text', data }),
  );
  receiver.on('ping', (data) => events.push({ kind: 'ping', data }));
  receiver.on('pong', (data) => events.push({ kind: 'pong', data }));
  receiver.on('conclude', (code, reason) =>
    events.push({ kind: 'close', code, reason: reason.toString() }),
  );
  receiver.write(bytes);
  return events;
}
