import type { ExtensionSupport } from '@sockets/echo';
import { type Logger, quote } from '@sockets/shared';
import { PerMessageDeflate } from './deflate.ts';
import {
  agreementFromAnswer,
  agreementFromOwnAnswer,
  answerOffers,
  type DeflateOptions,
  offerFor,
} from './negotiate.ts';

// #region support
/**
 * permessage-deflate as lesson 05's ExtensionSupport: what a client offers,
 * how a server answers, and the PerMessageDeflate each side then runs.
 */
export function permessageDeflate(options: DeflateOptions, log: Logger): ExtensionSupport {
  const offer = offerFor(options);
  return {
    offer: () => offer,
    answer: (offered) => {
      const { header, declined } = answerOffers(offered, options);
      // The offer is the client's text: quoted, as every peer value in a log line.
      for (const why of declined) log.info(`declined a permessage-deflate offer: ${quote(why)}`);
      return header;
    },
    start: (agreed, role) => {
      // A server built `agreed` itself; a client checks the server's answer
      // against its offer and throws (failing the connection) on a bad one.
      if (role === 'client') log.info(`the server agreed to ${quote(agreed)}`);
      const agreement =
        role === 'server' ? agreementFromOwnAnswer(agreed) : agreementFromAnswer(agreed, options);
      return new PerMessageDeflate(agreement, role, options.thresholdBytes);
    },
  };
}
// #endregion support
