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
