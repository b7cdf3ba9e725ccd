import type { ServerResponse } from 'node:http';
import { sendEmpty, sendJson } from './http.ts';
import type { Meter } from './meter.ts';
import type { Ticker } from './ticker.ts';

// #region short-poll
/**
 * GET /poll?after=<n>: "what is the price now?", answered at once. The client
 * says which tick it has, so a poll with nothing new costs a 204 No Content
 * and no body. Only the latest tick comes back: a client that polls less often
 * than the ticker ticks never sees the ticks in between (they are missed).
 */
export function answerPoll(
  ticker: Ticker,
  meter: Meter,
  response: ServerResponse,
  after: number | undefined,
): void {
  const latest = after === undefined ? ticker.latest : ticker.since(after).at(-1);
  if (latest === undefined) {
    sendEmpty(response, 204);
    return;
  }
  meter.usage.updates += 1;
  sendJson(response, 200, latest);
}
// #endregion short-poll
