// Exercise 03.2: the server's order of subprotocols. Lesson 03 walks the CLIENT's list and
// takes the first one the server supports (RFC 6455 §4.1: the client lists them "ordered by
// preference"; ws does the same). gorilla/websocket's Upgrader walks the SERVER's list
// instead: the server says which protocol it would rather speak, say a newer version of
// its own, and the client's list only says what it can speak. §4.2.2 allows both: it
// only asks that the server answer with one of the values the client sent.
import { offeredProtocols } from '../../src/index.ts';

/**
 * The first protocol in the SERVER's list (`preferred`, best first) that the client offered
 * in its `Sec-WebSocket-Protocol` header; undefined when they have none in common.
 */
export function chooseByServerPreference(
  offered: string | undefined,
  preferred: readonly string[],
): string | undefined {
  // offeredProtocols splits the header's list and trims it: `chat, superchat` → two names.
  const clientOffers = offeredProtocols(offered);
  // Compared exactly, as lesson 03 does: a subprotocol name is whatever string both agree on.
  return preferred.find((protocol) => clientOffers.includes(protocol));
}
