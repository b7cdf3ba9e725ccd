import {
  type ExtensionOffer,
  type ExtensionParam,
  formatExtensions,
  parseExtensions,
} from './extension-header.ts';

// RFC 7692 §5 and §7.1: how the two sides agree on permessage-deflate. The
// client offers it, with parameters, in Sec-WebSocket-Extensions (possibly
// several offers, most wanted first); the server accepts the first offer it
// can honour by naming the extension again, with the parameters they now
// share, or declines them all by leaving the header out. Four parameters:
//
//   server_no_context_takeover  the server resets its compressor after each message
//   client_no_context_takeover  the client does
//   server_max_window_bits=N    the server's compressor looks back at most 2^N bytes
//   client_max_window_bits[=N]  the client's does; without a value in an offer it
//                               only says "you may limit mine"

// #region agreement
/** What both sides agreed on: each side's window and whether it keeps it between messages. */
export interface DeflateAgreement {
  serverNoContextTakeover: boolean;
  clientNoContextTakeover: boolean;
  /** 8 to 15; 15 when the parameter is absent (§7.1.2) */
  serverMaxWindowBits: number;
  clientMaxWindowBits: number;
}

/** The parameters of one offer or answer, checked, as written. */
export interface DeflateParams {
  serverNoContextTakeover: boolean;
  clientNoContextTakeover: boolean;
  serverMaxWindowBits: number | undefined;
  /** true: the parameter without a value (allowed in an offer only) */
  clientMaxWindowBits: number | true | undefined;
}
// #endregion agreement

export const extensionName = 'permessage-deflate';

// #region read-params
/**
 * §7.1: an offer or answer whose parameters break the rules is declined (by a
 * server) or fails the connection (on a client): an unknown parameter, one
 * that appears twice, a value where none belongs, or a window size that is not
 * a whole number from 8 to 15 written without leading zeros.
 */
export function readParams(
  params: readonly ExtensionParam[],
  kind: 'offer' | 'answer',
): DeflateParams | { error: string } {
  const read: DeflateParams = {
    serverNoContextTakeover: false,
    clientNoContextTakeover: false,
    serverMaxWindowBits: undefined,
    clientMaxWindowBits: undefined,
  };
  const seen = new Set<string>();
  for (const [name, value] of params) {
    // §7: "the same parameter name MUST NOT appear more than once".
    if (seen.has(name)) return { error: `${name} appears twice` };
    seen.add(name);
    switch (name) {
      case 'server_no_context_takeover':
      case 'client_no_context_takeover':
        // §7.1.1.1, §7.1.1.2: these parameters have no value.
        if (value !== true) return { error: `${name} takes no value, got ${value}` };
        if (name === 'server_no_context_takeover') read.serverNoContextTakeover = true;
        else read.clientNoContextTakeover = true;
        break;
      case 'server_max_window_bits': {
        // §7.1.2.1: always with a value.
        const bits = windowBits(value);
        if (bits === undefined) return { error: `${name} must be 8 to 15, got ${String(value)}` };
        read.serverMaxWindowBits = bits;
        break;
      }
      case 'client_max_window_bits': {
        // §7.1.2.2: an offer may leave the value out; an answer may not.
        if (value === true && kind === 'offer') {
          read.clientMaxWindowBits = true;
          break;
        }
        const bits = windowBits(value);
        if (bits === undefined) return { error: `${name} must be 8 to 15, got ${String(value)}` };
        read.clientMaxWindowBits = bits;
        break;
      }
      default:
        return { error: `unknown parameter ${name}` };
    }
  }
  return read;
}

/** §7.1.2: `1*DIGIT` with no leading zero, from 8 to 15. */
function windowBits(value: string | true): number | undefined {
  if (value === true || !/^[1-9][0-9]?$/.test(value)) return undefined;
  const bits = Number(value);
  return bits >= 8 && bits <= 15 ? bits : undefined;
}
// #endregion read-params

// #region options
/** What one side is willing to do (as ws's `perMessageDeflate` options). */
export interface DeflateOptions {
  /** SERVER_NO_CONTEXT_TAKEOVER: the server resets its compressor after every message. */
  serverNoContextTakeover: boolean;
  /** CLIENT_NO_CONTEXT_TAKEOVER: the client is asked to reset its compressor after every message. */
  clientNoContextTakeover: boolean;
  /** SERVER_MAX_WINDOW_BITS: the largest window the server compresses with, 9 to 15. */
  serverMaxWindowBits: number;
  /** CLIENT_MAX_WINDOW_BITS: the largest window the client compresses with, 9 to 15. */
  clientMaxWindowBits: number;
  /** COMPRESS_THRESHOLD_BYTES: messages shorter than this are sent uncompressed. */
  thresholdBytes: number;
}

export const deflateDefaults: DeflateOptions = {
  serverNoContextTakeover: false,
  clientNoContextTakeover: false,
  serverMaxWindowBits: 15,
  clientMaxWindowBits: 15,
  // ws's threshold: below 1 KiB, compressing costs more than it saves.
  thresholdBytes: 1024,
};
// #endregion options

// #region answer
/** The server's answer: the first offer it can honour, and why it declined the ones before it. */
export interface Answer {
  /** The Sec-WebSocket-Extensions value to send back, or undefined to decline. */
  header: string | undefined;
  /** One sentence per declined offer of permessage-deflate, for the log. */
  declined: string[];
}

export function answerOffers(offered: string | undefined, options: DeflateOptions): Answer {
  const declined: string[] = [];
  if (offered === undefined) return { header: undefined, declined };
  const offers = parseExtensions(offered);
  // A header we cannot even parse is declined as a whole: the handshake goes
  // on without extensions, as ws does.
  if ('error' in offers) return { header: undefined, declined: [offers.error] };
  for (const offer of offers) {
    if (offer.name !== extensionName) continue; // someone else's extension: not ours to judge
    const accepted = acceptOffer(offer, options);
    if ('error' in accepted) declined.push(accepted.error);
    else return { header: formatExtensions([accepted]), declined };
  }
  return { header: undefined, declined };
}

function acceptOffer(
  offer: ExtensionOffer,
  options: DeflateOptions,
): ExtensionOffer | { error: string } {
  const params = readParams(offer.params, 'offer');
  if ('error' in params) return params;
  const answer: ExtensionParam[] = [];
  // §7.1.1.1: the client asked us not to take over context, or we choose not to.
  if (params.serverNoContextTakeover || options.serverNoContextTakeover) {
    answer.push(['server_no_context_takeover', true]);
  }
  // §7.1.1.2: the server may ask the client to reset, whatever the offer said.
  if (params.clientNoContextTakeover || options.clientNoContextTakeover) {
    answer.push(['client_no_context_takeover', true]);
  }
  // §7.1.2.1: a limit on our window is a ceiling we must stay under; zlib's
  // raw DEFLATE cannot go under 9 bits (deflate.ts), so an offer of 8 is declined.
  const serverBits = Math.min(params.serverMaxWindowBits ?? 15, options.serverMaxWindowBits);
  if (serverBits < 9) return { error: 'server_max_window_bits=8 is below what zlib can do' };
  if (params.serverMaxWindowBits !== undefined || serverBits < 15) {
    answer.push(['server_max_window_bits', String(serverBits)]);
  }
  // §7.1.2.2: we may limit the client's window only if it said we may.
  if (params.clientMaxWindowBits !== undefined) {
    const offeredBits = params.clientMaxWindowBits === true ? 15 : params.clientMaxWindowBits;
    const clientBits = Math.min(offeredBits, options.clientMaxWindowBits);
    if (params.clientMaxWindowBits !== true || clientBits < 15) {
      answer.push(['client_max_window_bits', String(clientBits)]);
    }
  }
  return { name: extensionName, params: answer };
}
// #endregion answer

// #region offer
/** The client's offer: permessage-deflate, with our limits as parameters. */
export function offerFor(options: DeflateOptions): string {
  const params: ExtensionParam[] = [];
  if (options.serverNoContextTakeover) params.push(['server_no_context_takeover', true]);
  if (options.clientNoContextTakeover) params.push(['client_no_context_takeover', true]);
  if (options.serverMaxWindowBits < 15) {
    params.push(['server_max_window_bits', String(options.serverMaxWindowBits)]);
  }
  // Without a value: "you may limit my window", the most a server can use.
  params.push([
    'client_max_window_bits',
    options.clientMaxWindowBits < 15 ? String(options.clientMaxWindowBits) : true,
  ]);
  return formatExtensions([{ name: extensionName, params }]);
}
// #endregion offer

// #region check-answer
/**
 * §5 and §7.1: the client checks the server's answer against its offer
 * (`offerFor(options)`) and fails the connection when the server accepted
 * something it was not offered. Throws an Error that says what; returns what
 * both sides now use.
 */
export function agreementFromAnswer(answer: string, options: DeflateOptions): DeflateAgreement {
  const fail = (why: string) => new Error(`invalid Sec-WebSocket-Extensions answer: ${why}`);
  const answered = parseExtensions(answer);
  if ('error' in answered) throw fail(answered.error);
  const [only] = answered;
  if (only === undefined || answered.length > 1 || only.name !== extensionName) {
    throw fail(`${JSON.stringify(answer)} is not the one permessage-deflate we offered`);
  }
  const params = readParams(only.params, 'answer');
  if ('error' in params) throw fail(params.error);
  const serverBits = params.serverMaxWindowBits ?? 15;
  // §7.1.2.1: the server's window may not be larger than we allowed.
  if (serverBits > options.serverMaxWindowBits) {
    throw fail(`server_max_window_bits=${serverBits} is above our ${options.serverMaxWindowBits}`);
  }
  // §7.1.2.2: the server limits our window, never widens it; below 9 zlib cannot follow.
  const clientBits = Math.min(
    Number(params.clientMaxWindowBits ?? 15),
    options.clientMaxWindowBits,
  );
  if (clientBits < 9) throw fail('client_max_window_bits=8 is below what zlib can do');
  // §7.1.1.1: a server_no_context_takeover we asked for must come back.
  if (options.serverNoContextTakeover && !params.serverNoContextTakeover) {
    throw fail('server_no_context_takeover was asked for and not agreed');
  }
  return {
    serverNoContextTakeover: params.serverNoContextTakeover,
    // Asked for or not, a client that resets its own context is always understood.
    clientNoContextTakeover: params.clientNoContextTakeover || options.clientNoContextTakeover,
    serverMaxWindowBits: serverBits,
    clientMaxWindowBits: clientBits,
  };
}
// #endregion check-answer

/** A server's own answer (from answerOffers), as the agreement it stands for. */
export function agreementFromOwnAnswer(answer: string): DeflateAgreement {
  const parsed = parseExtensions(answer);
  const params = 'error' in parsed ? parsed : readParams(parsed[0]?.params ?? [], 'answer');
  if ('error' in params)
    throw new Error(`our own answer ${JSON.stringify(answer)}: ${params.error}`);
  return {
    serverNoContextTakeover: params.serverNoContextTakeover,
    clientNoContextTakeover: params.clientNoContextTakeover,
    serverMaxWindowBits: params.serverMaxWindowBits ?? 15,
    clientMaxWindowBits: Number(params.clientMaxWindowBits ?? 15),
  };
}
