import { once } from 'node:events';
import { captureLogger, loadExercise, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  answer,
  handshakeRequestOf,
  headerValue,
  reject,
  validateHandshake,
} from '../../src/index.ts';
import { startUpgradeServer } from '../../test/helpers.ts';

const { isOriginAllowed } = await loadExercise<typeof import('./solution.ts')>(import.meta.url);

const track = useCleanup();

const allows = (origin: string | undefined, ...patterns: string[]) =>
  isOriginAllowed(origin, patterns);

describe('isOriginAllowed with patterns', () => {
  it('allows an exact origin, and a request with no Origin at all', () => {
    expect(
      allows('http://localhost:8080', 'http://localhost:8080'),
      'hint: a pattern with no * allows exactly that origin',
    ).toBe(true);
    expect(allows(undefined, 'https://example.com'), 'hint: no Origin: not a browser').toBe(true);
    expect(allows('https://anything.net', '*'), 'hint: * allows everyone').toBe(true);
  });

  it('matches any subdomain with *.', () => {
    const pattern = 'https://*.example.com';
    expect(allows('https://chat.example.com', pattern), 'hint: one label before').toBe(true);
    expect(allows('https://eu.chat.example.com', pattern), 'hint: or several').toBe(true);
  });

  it('does not let a wildcard match the bare domain or a look-alike', () => {
    const pattern = 'https://*.example.com';
    expect(allows('https://example.com', pattern), 'hint: *. needs a subdomain').toBe(false);
    expect(
      allows('https://badexample.com', pattern),
      'hint: end with ".example.com", dot included, not just "example.com"',
    ).toBe(false);
    expect(
      allows('https://example.com.evil.net', pattern),
      'hint: the domain must be at the END of the host',
    ).toBe(false);
    expect(allows('https://evil.net/.example.com', pattern), 'hint: compare the host only').toBe(
      false,
    );
  });

  it('requires the same scheme and the same port', () => {
    expect(allows('http://chat.example.com', 'https://*.example.com'), 'hint: http ≠ https').toBe(
      false,
    );
    expect(
      allows('https://chat.example.com:8443', 'https://*.example.com'),
      'hint: no port in the pattern means the default, 443 for https',
    ).toBe(false);
    expect(allows('http://localhost:3000', 'http://localhost:8080'), 'hint: ports differ').toBe(
      false,
    );
  });

  it('treats hosts case-insensitively and default ports as written or not', () => {
    expect(
      allows('https://Chat.Example.COM', 'https://*.example.com'),
      'hint: lower-case hosts',
    ).toBe(true);
    expect(allows('https://chat.example.com', 'https://*.EXAMPLE.com'), 'hint: patterns too').toBe(
      true,
    );
    expect(
      allows('https://chat.example.com:443', 'https://*.example.com'),
      'hint: :443 is the default port of https',
    ).toBe(true);
    expect(allows('http://localhost', 'http://localhost:80'), 'hint: :80 for http').toBe(true);
  });

  it('refuses the null origin and garbage', () => {
    expect(allows('null', 'https://*.example.com'), 'hint: a sandboxed page sends "null"').toBe(
      false,
    );
    expect(allows('not an origin', 'https://*.example.com'), 'hint: not a URL: refuse it').toBe(
      false,
    );
    expect(
      allows('ftp://files.example.com', 'https://*.example.com'),
      'hint: the scheme must match too: ftp is not https',
    ).toBe(false);
  });

  it('decides real handshakes: 101 for a subdomain, 403 for a foreign page', async () => {
    // Lesson 03's decision, with its own Origin check switched off (`*`) and this one instead.
    const { log } = captureLogger('handshake');
    const port = await startUpgradeServer(track, (request, socket, head) => {
      const parsed = handshakeRequestOf(request);
      const options = {
        paths: ['/chat'],
        protocols: [],
        allowedOrigins: ['*'],
        handshakeTimeoutMs: 5000,
        log,
      };
      let decision = validateHandshake(parsed, options);
      const origin = headerValue(parsed.fields, 'origin');
      if (decision.accepted && !isOriginAllowed(origin, ['https://*.example.com'])) {
        decision = reject(403, `origin ${origin} is not allowed`);
      }
      answer(socket, parsed, decision, head, options);
    });

    const status = async (origin: string | undefined) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/chat`, origin ? { origin } : {});
      track(() => ws.terminate());
      const [event, response] = await Promise.race([
        once(ws, 'open').then(() => ['open'] as const),
        once(ws, 'unexpected-response').then(([, res]) => ['refused', res] as const),
      ]);
      return event === 'open' ? 101 : (response as { statusCode: number }).statusCode;
    };
    expect(await status('https://chat.example.com'), 'hint: a subdomain is allowed').toBe(101);
    expect(await status('https://evil.net'), 'hint: a foreign page is refused').toBe(403);
    expect(await status('https://example.com.evil.net'), 'hint: a look-alike is refused').toBe(403);
    expect(await status(undefined), 'hint: no Origin: a non-browser client').toBe(101);
  });
});
