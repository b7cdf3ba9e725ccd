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
  // TODO(exercise): add ?after=<n> when there is an `after`.
  void after;
  return new URL('/ws', pageUrl.replace(/^http/, 'ws')).href;
}

export function resumingWebSocket(pageUrl: string, retryMs: number): ResumingFeed {
  const received: Tick[] = [];
  const events = new EventEmitter();
  // TODO(exercise): connect in a function of its own, with the last tick
  // received as `after`, and call it again `retryMs` after every 'close',
  // unless close() was called. Keep the timer, so that close() can clear it.
  void retryMs;
  const socket = new WebSocket(feedUrl(pageUrl, undefined));
  socket.on('message', (data) => {
    received.push(JSON.parse(String(data)) as Tick);
    events.emit('tick');
  });
  socket.on('error', () => {});

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
      socket.close(1000, 'done');
    },
  };
}
