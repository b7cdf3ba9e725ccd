export { boundPort, formatUrl, localName, peerName } from './address.ts';
export {
  type Env,
  envAllowedOrigins,
  envChoice,
  envInteger,
  envList,
  envName,
  envOptions,
  envString,
} from './env.ts';
export { errorCode, explainError } from './errors.ts';
export {
  type Closable,
  closeAll,
  closeOnce,
  closeOnSignals,
  type Departing,
  type Main,
  runMain,
  shutDown,
} from './lifecycle.ts';
export { listen } from './listen.ts';
export {
  consoleSink,
  createLogger,
  type Logger,
  type LogLevel,
  type LogSink,
  logLevelFromEnv,
} from './log.ts';
export { type PageFile, servePage } from './page.ts';
export { quote } from './quote.ts';
export { requestUrl } from './request-url.ts';
export { SEND_BUFFER_LIMIT } from './send-buffer.ts';
