import { describe, expect, it } from 'vitest';
import {
  formatHead,
  hasToken,
  headerValue,
  parseHead,
  parseRequest,
  parseResponse,
} from '../src/index.ts';

const head = (text: string) => Buffer.from(text, 'latin1');

describe('parsing an HTTP head', () => {
  it('reads the request line and the fields as sent', () => {
    const parsed = parseRequest(
      head('GET /chat?room=1 HTTP/1.1\r\nHost: a\r\nX-Thing:   spaced  \t'),
    );
    expect(parsed).toEqual({
      method: 'GET',
      target: '/chat?room=1',
      httpVersion: '1.1',
      fields: [
        ['Host', 'a'],
        ['X-Thing', 'spaced'],
      ],
    });
  });

  it('finds headers whatever their case, and combines repeated ones', () => {
    const parsed = parseHead(
      head('GET / HTTP/1.1\r\nsec-websocket-PROTOCOL: chat\r\nSec-WebSocket-Protocol: superchat'),
    );
    if ('error' in parsed) throw new Error(parsed.error);
    expect(headerValue(parsed.fields, 'Sec-WebSocket-Protocol')).toBe('chat, superchat');
    expect(headerValue(parsed.fields, 'origin')).toBeUndefined();
  });

  it('reads a Connection header as a token list', () => {
    expect(hasToken('keep-alive, Upgrade', 'upgrade')).toBe(true);
    expect(hasToken('UPGRADE', 'upgrade')).toBe(true);
    expect(hasToken('keep-alive,upgrade ,', 'upgrade')).toBe(true);
    expect(hasToken('keep-alive', 'upgrade')).toBe(false);
    expect(hasToken('upgraded', 'upgrade')).toBe(false);
    expect(hasToken(undefined, 'upgrade')).toBe(false);
  });

  it('refuses what RFC 7230 says to refuse', () => {
    expect(parseHead(head('GET / HTTP/1.1\r\nHost : a'))).toEqual({
      error: 'malformed header line "Host : a"',
    });
    expect(parseHead(head('GET / HTTP/1.1\r\nX: a\r\n  folded'))).toEqual({
      error: 'obsolete line folding in a header field',
    });
    expect(parseHead(head('GET / HTTP/1.1\r\nno colon'))).toHaveProperty('error');
    expect(parseHead(head('GET / HTTP/1.1\r\nX: a\nInjected: b'))).toEqual({
      error: 'control character in the X header',
    });
    expect(parseHead(head(''))).toEqual({ error: 'the head has no start line' });
    expect(parseRequest(head('GET /chat HTTP/1.1 extra\r\nHost: a'))).toHaveProperty('error');
    expect(parseRequest(head('GET /chat HTTP/x\r\nHost: a'))).toHaveProperty('error');
  });

  it('keeps bytes beyond ASCII as they are (latin1), without failing', () => {
    const parsed = parseHead(Buffer.from([...Buffer.from('GET / HTTP/1.1\r\nX: '), 0xff, 0xe9]));
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.fields[0]?.[1]).toBe('\u00ff\u00e9');
  });

  it('reads a status line', () => {
    expect(parseResponse(head('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket'))).toEqual({
      httpVersion: '1.1',
      status: 101,
      statusText: 'Switching Protocols',
      fields: [['Upgrade', 'websocket']],
    });
    expect(parseResponse(head('SSH-2.0-OpenSSH_9.6'))).toHaveProperty('error');
  });
});

describe('writing an HTTP head', () => {
  it('ends every line with CR LF and the head with an empty line', () => {
    expect(formatHead('GET / HTTP/1.1', [['Host', 'a']])).toBe('GET / HTTP/1.1\r\nHost: a\r\n\r\n');
  });

  it('refuses a line break inside a value (header injection)', () => {
    expect(() => formatHead('GET / HTTP/1.1', [['Cookie', 'a\r\nX-Evil: 1']])).toThrow(
      /line break/,
    );
  });
});
