// Exercise 11.1: conditional polling with ETag.
//
// GET /poll?after=n has the client say which tick it has. HTTP has a standard
// way to say the same: the server tags each answer with an ETag, the client
// sends it back as If-None-Match, and "nothing new" is 304 Not Modified, with
// no body (RFC 9110 §8.8.3, §13.1.2, §15.4.5). Caches and browsers understand it.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Ticker } from '../../src/ticker.ts';

/** The latest tick's ETag: its number, in the double quotes RFC 9110 §8.8.3 requires. */
export function etagOf(n: number): string {
  return `"${n}"`;
}

/**
 * Whether an If-None-Match header names `etag`. It may be `*` (any), or a
 * comma-separated list; each entry may be weak (`W/"7"`), and If-None-Match
 * compares weakly, so `W/"7"` matches `"7"` (RFC 9110 §8.8.3.2, §13.1.2).
 */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch
    .split(',')
    .map((entry) => entry.trim().replace(/^W\//, ''))
    .includes(etag);
}

/** GET /poll with ETag and If-None-Match: 200 and the tick when it changed, else 304. */
export function answerConditionalPoll(
  ticker: Ticker,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const latest = ticker.latest;
  if (latest === undefined) {
    response.writeHead(204, { 'Cache-Control': 'no-cache' });
    response.end();
    return;
  }
  const etag = etagOf(latest.n);
  // no-cache: a cache may keep the answer, but must ask us again (with the ETag) every time.
  const headers = { ETag: etag, 'Cache-Control': 'no-cache' };
  if (matches(request.headers['if-none-match'], etag)) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  const body = JSON.stringify(latest);
  response.writeHead(200, { ...headers, 'Content-Type': 'application/json' });
  response.end(body);
}
