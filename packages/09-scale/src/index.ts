export type { Bus, BusKind, Replay } from './bus.ts';
export { BusHub, NOT_SENT } from './bus-hub.ts';
export { runWorker, startWorkers } from './cluster.ts';
export {
  type BusMessage,
  type ChatMessage,
  compareIds,
  frameFor,
  parseBusMessage,
  type ScaleEvent,
  STREAM_ID,
} from './messages.ts';
export {
  checkScaleOptions,
  clientOptionsFromEnv,
  type ScaleClientOptions,
  type ScaleServerOptions,
  serverDefaults,
  serverOptionsFromEnv,
} from './options.ts';
export { PubSubBus, type PubSubBusOptions } from './pubsub-bus.ts';
export {
  type ConnectionState,
  ReconnectingChat,
  type ReconnectingChatOptions,
  reconnectDelay,
} from './reconnecting-client.ts';
export { connectRedis, failFast, waitThrough } from './redis.ts';
export {
  freePort,
  installRedisHint,
  type RedisServer,
  startRedisServer,
} from './redis-server.ts';
export { type ScaleServer, startScaleServer } from './server.ts';
export { startScale } from './start.ts';
export { StreamsBus, type StreamsBusOptions } from './streams-bus.ts';
export { describeScaleEvent, startScaleClient } from './terminal-client.ts';
