// Exercise 03.2: the server's order of subprotocols. Lesson 03 walks the CLIENT's list and
// takes the first one the server supports (RFC 6455 §4.1: the client lists them "ordered by
// preference"; ws does the same). gorilla/websocket's Upgrader walks the SERVER's list
// instead: the server says which protocol it would rather speak, say a newer version of
// its own, and the client's list only says what it can speak. §4.2.2 allows both: it
// only asks that the server answer with one of the values the client sent.
//
// Check your work: pnpm exercise 03 2
import { chooseProtocol } from '../../src/index.ts';

/**
 * The first protocol in the SERVER's list (`preferred`, best first) that the client offered
 * in its `Sec-WebSocket-Protocol` header; undefined when they have none in common.
 */
export function chooseByServerPreference(
  offered: string | undefined,
  preferred: readonly string[],
): string | undefined {
  // TODO(exercise): this is lesson 03's rule, the client's order. Walk `preferred` instead
  // and return the first name the client offered. offeredProtocols (from lesson 03) turns
  // the header into a list of names.
  return chooseProtocol(offered, preferred);
}
