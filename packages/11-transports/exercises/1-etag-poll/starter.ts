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
  // TODO(exercise): 7 becomes "7", quotes included.
  return String(n);
}

/**
 * Whether an If-None-Match header names `etag`. It may be `*` (any), or a
 * comma-separated list; each entry may be weak (`W/"7"`), and If-None-Match
 * compares weakly, so `W/"7"` matches `"7"` (RFC 9110 §8.8.3.2, §13.1.2).
 */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  // TODO(exercise): undefined never matches; `*` always does; otherwise split
  // on commas, trim each entry, drop a leading W/, and look for etag.
  return ifNoneMatch === etag;
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
  // TODO(exercise): send the tick's ETag with every answer (and Cache-Control:
  // no-cache), and answer 304 with no body when If-None-Match matches it.
  void request;
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(latest));
}
