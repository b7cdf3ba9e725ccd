export { startCompressionClient } from './client.ts';
export { PerMessageDeflate } from './deflate.ts';
export {
  type ExtensionOffer,
  type ExtensionParam,
  formatExtensions,
  parseExtensions,
} from './extension-header.ts';
export {
  type Answer,
  agreementFromAnswer,
  agreementFromOwnAnswer,
  answerOffers,
  type DeflateAgreement,
  type DeflateOptions,
  type DeflateParams,
  deflateDefaults,
  extensionName,
  offerFor,
  readParams,
} from './negotiate.ts';
export {
  type CompressionClientOptions,
  type CompressionOptions,
  type CompressionServerOptions,
  clientDefaults,
  clientOptionsFromEnv,
  compressionDefaults,
  compressionOptionsFromEnv,
  serverDefaults,
  serverOptionsFromEnv,
} from './options.ts';
export { startCompressionServer } from './server.ts';
export { permessageDeflate } from './support.ts';
