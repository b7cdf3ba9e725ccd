export { type FeedClient, type FeedClientOptions, openFeed, type Received } from './clients.ts';
export {
  type CompareRun,
  type Comparison,
  compareTransports,
  formatProgress,
  formatTable,
  type Progress,
  percentile,
  type TransportResult,
  transportLabels,
} from './compare.ts';
export { BadRequest, tickNumber } from './http.ts';
export { type LongPollOptions, LongPolls } from './long-poll.ts';
export {
  Meter,
  type Meters,
  newMeters,
  type TransportName,
  transportNames,
  type Usage,
} from './meter.ts';
export {
  type CompareOptions,
  checkServerOptions,
  compareDefaults,
  compareOptionsFromEnv,
  serverDefaults,
  serverOptionsFromEnv,
  type TransportsServerOptions,
} from './options.ts';
export { type Stats, startTransportsServer, type TransportsServer } from './server.ts';
export { answerPoll } from './short-poll.ts';
export {
  type EventStreamOptions,
  EventStreams,
  formatComment,
  formatEvent,
  formatRetry,
  type ServerSentEvent,
} from './sse.ts';
export { now, type Tick, Ticker, type TickListener } from './ticker.ts';
export { WebSocketFeed, type WebSocketFeedOptions, wsPath } from './websocket.ts';
