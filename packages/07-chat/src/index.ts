export { type HeartbeatOptions, startHeartbeat } from './heartbeat.ts';
export { Hub, type HubOptions, TOO_SLOW_REASON } from './hub.ts';
export { Member, type MemberOptions } from './member.ts';
export {
  type ChatEvent,
  chooseName,
  describeEvent,
  encode,
  parseEvent,
  uniqueName,
} from './messages.ts';
export { forwardNaively } from './naive-forwarding.ts';
export {
  type BroadcastEncoding,
  type ChatClientOptions,
  type ChatServerOptions,
  clientOptionsFromEnv,
  serverDefaults,
  serverOptionsFromEnv,
} from './options.ts';
export { prepareFrame } from './prepared-frame.ts';
export { SendQueue, type SendQueueLimits } from './send-queue.ts';
export {
  type ChatServer,
  type ChatServerExtensions,
  chatPageScript,
  chatPageStyles,
  chatServerHandle,
  chatWebSocketServer,
  startChatServer,
  WS_PATH,
} from './server.ts';
export { startChatClient } from './terminal-client.ts';
