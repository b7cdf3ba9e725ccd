import { describe, expect, it } from 'vitest';
import {
  agreementFromAnswer,
  answerOffers,
  deflateDefaults,
  offerFor,
  parseExtensions,
} from '../src/index.ts';

describe('parseExtensions: the grammar of RFC 6455 §9.1', () => {
  it('reads several offers with parameters, spaces and a quoted value', () => {
    expect(
      parseExtensions(
        'permessage-deflate; client_max_window_bits; server_max_window_bits="10" , x-webkit-deflate-frame',
      ),
    ).toEqual([
      {
        name: 'permessage-deflate',
        params: [
          ['client_max_window_bits', true],
          ['server_max_window_bits', '10'],
        ],
      },
      { name: 'x-webkit-deflate-frame', params: [] },
    ]);
  });

  it('keeps a comma inside quotes from splitting the list, then refuses the value', () => {
    expect(parseExtensions('a; b="1,2"')).toEqual({
      error: expect.stringMatching(/the value of b must be a token/),
    });
  });

  it.each([
    ['', /empty/],
    [';', /expected an extension name/],
    ['permessage-deflate;', /expected a parameter name/],
    ['permessage-deflate; a=', /expected a value|must be a token/],
    ['permessage-deflate; a="10', /unterminated quoted string/],
    ['permessage-deflate x', /unexpected "x"/],
  ])('refuses %j', (header, error) => {
    expect(parseExtensions(header)).toEqual({ error: expect.stringMatching(error) });
  });
});

describe('the server answers the first offer it can honour (RFC 7692 §5, §7.1)', () => {
  const answer = (offer: string | undefined, options = {}) =>
    answerOffers(offer, { ...deflateDefaults, ...options });

  it.each([
    // What every browser sends: Chromium and Firefox both offer this.
    ['permessage-deflate; client_max_window_bits', 'permessage-deflate'],
    ['permessage-deflate', 'permessage-deflate'],
    // §7.1.3's example: the first offer asks for a small server window, the second is the fallback.
    [
      'permessage-deflate; client_max_window_bits; server_max_window_bits=10, permessage-deflate; client_max_window_bits',
      'permessage-deflate; server_max_window_bits=10',
    ],
    [
      'permessage-deflate; server_no_context_takeover; client_no_context_takeover',
      'permessage-deflate; server_no_context_takeover; client_no_context_takeover',
    ],
    [
      'permessage-deflate; client_max_window_bits=12',
      'permessage-deflate; client_max_window_bits=12',
    ],
    [
      'permessage-deflate; server_max_window_bits="11"',
      'permessage-deflate; server_max_window_bits=11',
    ],
    // Someone else's extension first: not ours to judge, skipped.
    ['x-webkit-deflate-frame, permessage-deflate', 'permessage-deflate'],
  ])('%j → %j', (offer, expected) => {
    expect(answer(offer)).toEqual({ header: expected, declined: [] });
  });

  it('limits both windows and the context as its own options say', () => {
    const options = {
      serverMaxWindowBits: 10,
      clientMaxWindowBits: 11,
      serverNoContextTakeover: true,
      clientNoContextTakeover: true,
    };
    expect(answer('permessage-deflate; client_max_window_bits', options).header).toBe(
      'permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10; client_max_window_bits=11',
    );
    // §7.1.2.2: a client that did not offer client_max_window_bits cannot be limited.
    expect(answer('permessage-deflate', options).header).toBe(
      'permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10',
    );
  });

  it.each([
    ['permessage-deflate; server_no_context_takeover; server_no_context_takeover', /appears twice/],
    ['permessage-deflate; server_max_window_bits', /must be 8 to 15, got true/],
    ['permessage-deflate; server_max_window_bits=16', /must be 8 to 15, got 16/],
    ['permessage-deflate; server_max_window_bits=010', /must be 8 to 15, got 010/],
    ['permessage-deflate; client_max_window_bits=7', /must be 8 to 15, got 7/],
    ['permessage-deflate; client_no_context_takeover=1', /takes no value/],
    ['permessage-deflate; mystery=1', /unknown parameter mystery/],
    ['permessage-deflate; server_max_window_bits=8', /below what zlib can do/],
  ])('declines %j, and says why', (offer, why) => {
    expect(answer(offer)).toEqual({ header: undefined, declined: [expect.stringMatching(why)] });
  });

  it('declines a bad offer but accepts the good one after it', () => {
    expect(answer('permessage-deflate; bogus, permessage-deflate')).toEqual({
      header: 'permessage-deflate',
      declined: ['unknown parameter bogus'],
    });
  });

  it('declines a header it cannot parse, and no header at all', () => {
    expect(answer('permessage-deflate; a="1').header).toBeUndefined();
    expect(answer(undefined)).toEqual({ header: undefined, declined: [] });
  });
});

describe('the client offers and checks the answer', () => {
  const options = { ...deflateDefaults };

  it('offers permessage-deflate and lets the server limit its window', () => {
    expect(offerFor(options)).toBe('permessage-deflate; client_max_window_bits');
    expect(
      offerFor({
        ...options,
        serverMaxWindowBits: 10,
        clientMaxWindowBits: 12,
        serverNoContextTakeover: true,
      }),
    ).toBe(
      'permessage-deflate; server_no_context_takeover; server_max_window_bits=10; client_max_window_bits=12',
    );
  });

  it('reads the agreement from an answer', () => {
    expect(
      agreementFromAnswer(
        'permessage-deflate; server_no_context_takeover; client_max_window_bits=10',
        options,
      ),
    ).toEqual({
      serverNoContextTakeover: true,
      clientNoContextTakeover: false,
      serverMaxWindowBits: 15,
      clientMaxWindowBits: 10,
    });
  });

  it.each([
    ['permessage-deflate, permessage-deflate', /not the one permessage-deflate we offered/],
    ['x-webkit-deflate-frame', /not the one permessage-deflate we offered/],
    ['permessage-deflate; client_max_window_bits', /must be 8 to 15, got true/],
    ['permessage-deflate; client_max_window_bits=8', /below what zlib can do/],
    ['permessage-deflate; mystery', /unknown parameter/],
    ['permessage-deflate; server_max_window_bits=12; server_max_window_bits=12', /appears twice/],
  ])('fails on %j', (answer, why) => {
    expect(() => agreementFromAnswer(answer, options)).toThrow(why);
  });

  it('fails on a wider server window than it allowed, or a context takeover it asked to stop', () => {
    const strict = { ...options, serverMaxWindowBits: 10, serverNoContextTakeover: true };
    expect(() =>
      agreementFromAnswer(
        'permessage-deflate; server_no_context_takeover; server_max_window_bits=11',
        strict,
      ),
    ).toThrow(/above our 10/);
    expect(() =>
      agreementFromAnswer('permessage-deflate; server_max_window_bits=10', strict),
    ).toThrow(/server_no_context_takeover was asked for/);
  });
});
