// Exercise 08.2: a server that saves memory on every connection.
//
// With context takeover, each connection keeps each direction's window
// between messages (64 KiB at 15 bits, see the lesson's table). A chat server
// with 10,000 idle clients would hold 640 MiB for it. This server accepts
// permessage-deflate only without context takeover in either direction:
//
//   permessage-deflate; server_no_context_takeover; client_no_context_takeover
//
// RFC 7692 §7.1.1 lets a server add both parameters to any offer it accepts.
// Like answerOffers (src/negotiate.ts), it takes the first offer whose
// parameters are valid, skips other extensions, and declines by returning undefined.

import {
  type ExtensionParam,
  formatExtensions,
  parseExtensions,
} from '../../src/extension-header.ts';
import { extensionName, readParams } from '../../src/negotiate.ts';

/** The Sec-WebSocket-Extensions answer to `offered`, or undefined to decline. */
export function frugalAnswer(offered: string | undefined): string | undefined {
  if (offered === undefined) return undefined;
  const offers = parseExtensions(offered);
  if ('error' in offers) return undefined;
  for (const offer of offers) {
    if (offer.name !== extensionName) continue;
    const params = readParams(offer.params, 'offer');
    if ('error' in params) continue;
    const answer: ExtensionParam[] = [
      ['server_no_context_takeover', true],
      ['client_no_context_takeover', true],
    ];
    // §7.1.2.1: a limit the client set on our window must be answered.
    if (params.serverMaxWindowBits !== undefined) {
      answer.push(['server_max_window_bits', String(params.serverMaxWindowBits)]);
    }
    return formatExtensions([{ name: extensionName, params: answer }]);
  }
  return undefined;
}
