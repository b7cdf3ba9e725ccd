// Exercise 11.2: a WebSocket that resumes.
//
// EventSource reconnects by itself and says where it stopped (Last-Event-ID).
// A WebSocket does neither: when its connection drops, it is closed for good.
// This client does what the page does: it reconnects after `retryMs`, and asks
// for the ticks it missed with ?after=<the last tick it has>.

import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import type { Tick } from '../../src/ticker.ts';

export interface ResumingFeed {
  /** Every tick received, in order, across reconnections. */
  readonly received: Tick[];
  /** Resolves once `count` ticks have been received. */
  waitForCount(count: number): Promise<void>;
  /** Closes for good: no more reconnecting. */
  close(): void;
}

/** The WebSocket URL for a server's page URL, asking for the ticks after `after`. */
export function feedUrl(pageUrl: string, after: number | undefined): string {
  const url = new URL('/ws', pageUrl.replace(/^http/, 'ws'));
  if (after !== undefined) url.searchParams.set('after', String(after));
  return url.href;
}

export function resumingWebSocket(pageUrl: string, retryMs: number): ResumingFeed {
  const received: Tick[] = [];
  const events = new EventEmitter();
  let socket: WebSocket;
  let retry: NodeJS.Timeout | undefined;
  let closed = false;

  const connect = () => {
    socket = new WebSocket(feedUrl(pageUrl, received.at(-1)?.n));
    socket.on('message', (data) => {
      received.push(JSON.parse(String(data)) as Tick);
      events.emit('tick');
    });
    // A refused or dropped connection ends in 'close' too: that is where we retry.
    socket.on('error', () => {});
    socket.on('close', () => {
      if (!closed) retry = setTimeout(connect, retryMs);
    });
  };
  connect();

  return {
    received,
    waitForCount: (count) =>
      new Promise((resolve) => {
        const check = () => {
          if (received.length < count) return;
          events.off('tick', check);
          resolve();
        };
        events.on('tick', check);
        check();
      }),
    close() {
      closed = true;
      clearTimeout(retry);
      socket.close(1000, 'done');
    },
  };
}
