import type { Duplex } from 'node:stream';
import { HeadScanner } from './head-scanner.ts';

// The HeadScanner fed from a real socket, under a deadline. Both sides use it:
// the server to read the client's request, the client to read the response.

// #region read-head
export interface HeadLimits {
  /** Longest head accepted (request or status line plus header fields). */
  maxHeaderBytes: number;
  /** The whole head must arrive within this time, however it trickles in. */
  timeoutMs: number;
}

export type HeadResult =
  | { kind: 'complete'; head: Buffer; rest: Buffer }
  | { kind: 'too-large' }
  | { kind: 'timeout' }
  | { kind: 'closed' }
  | { kind: 'error'; error: Error };

/**
 * Reads one HTTP head from `socket`. Never rejects: every way it can end is a
 * `HeadResult` the caller answers. When it resolves, its listeners are gone and
 * the socket is neither flowing nor paused, like the socket of node:http's
 * `upgrade` event: bytes that arrive later wait in the socket until the next
 * reader attaches a 'data' listener, and bytes that came with the head are in
 * `rest`.
 */
export function readHead(socket: Duplex, limits: HeadLimits): Promise<HeadResult> {
  return new Promise((resolve) => {
    const scanner = new HeadScanner(limits.maxHeaderBytes);

    // A total deadline, not an idle timer: a client sending one byte a second
    // (a "slowloris") must not keep the socket forever.
    const timer = setTimeout(() => finish({ kind: 'timeout' }), limits.timeoutMs);
    const onEnd = () => finish({ kind: 'closed' });
    const onError = (error: Error) => finish({ kind: 'error', error });
    const onReadable = () => {
      for (let chunk: Buffer | null = socket.read(); chunk !== null; chunk = socket.read()) {
        const progress = scanner.push(chunk);
        if (progress.state === 'complete') {
          return finish({ kind: 'complete', head: progress.head, rest: progress.rest });
        }
        if (progress.state === 'too-large') return finish({ kind: 'too-large' });
      }
    };
    const finish = (result: HeadResult) => {
      clearTimeout(timer);
      socket.off('readable', onReadable);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      socket.off('error', onError);
      resolve(result);
    };

    // 'readable' rather than 'data': when its last listener goes, Node puts the
    // stream back to "not flowing, not paused", so nothing read later is lost.
    socket.on('readable', onReadable);
    socket.on('end', onEnd);
    socket.on('close', onEnd);
    socket.on('error', onError);
  });
}
// #endregion read-head
