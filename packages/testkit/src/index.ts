export {
  type Browser,
  describeInBrowser,
  findChromium,
  launchChromium,
  newBrowserPage,
  noChromiumMessage,
  type Page,
} from './browser.ts';
export { type Cleanup, useCleanup } from './cleanup.ts';
export { type ExerciseTarget, exerciseTarget, loadExercise } from './exercise.ts';
export { type CapturedLog, captureLogger } from './log-capture.ts';
export { type RawFrame, rawFrame, splitAt } from './raw-frame.ts';
export { saveScreenshot, sideBySide } from './screenshot.ts';
export { type RunningScript, type ScriptOptions, startScript } from './script.ts';
export { closeOf, nextMessage, wsClient } from './ws-client.ts';
export {
  type WsEvent,
  type WsFrameOptions,
  type WsReceiver,
  wsBufferUtil,
  wsFrame,
  wsInternals,
  wsReceive,
} from './ws-internals.ts';
