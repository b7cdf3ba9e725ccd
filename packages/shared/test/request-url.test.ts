import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { requestUrl } from '../src/request-url.ts';

const pathOf = (url: string) => requestUrl({ url } as IncomingMessage).pathname;

describe('requestUrl', () => {
  it('reads the path and query of an ordinary request', () => {
    const url = requestUrl({ url: '/ws?name=ann' } as IncomingMessage);
    expect(url.pathname).toBe('/ws');
    expect(url.searchParams.get('name')).toBe('ann');
  });

  it('takes the path of an absolute-form target, as RFC 9112 §3.2.2 asks', () => {
    expect(pathOf('http://example.com/add?x=1')).toBe('/add');
  });

  it('keeps `//x` a path and never throws on a target node:http lets through', () => {
    expect(pathOf('//x')).toBe('//x');
    for (const target of ['//', '//a:b', 'http://[', 'http://', '*']) {
      expect(() => pathOf(target), target).not.toThrow();
      expect(pathOf(target), target).not.toBe('/');
    }
  });
});
