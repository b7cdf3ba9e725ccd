import { describe, expect, it } from 'vitest';
import { isOriginAllowed, pageOrigins } from '../src/origin.ts';

describe('the Origin allow list', () => {
  it("defaults to the server's own page, under every loopback name", () => {
    expect(pageOrigins('localhost', 8080)).toEqual([
      'http://localhost:8080',
      'http://127.0.0.1:8080',
      'http://[::1]:8080',
    ]);
    expect(pageOrigins('example.com', 80)).toEqual(['http://example.com:80']);
  });

  it('accepts the page origin, however it is spelled', () => {
    const allowed = pageOrigins('localhost', 8080);
    expect(isOriginAllowed('http://localhost:8080', allowed)).toBe(true);
    expect(isOriginAllowed('HTTP://LocalHost:8080', allowed)).toBe(true);
  });

  it('refuses a foreign origin, another port, and a file:// page', () => {
    const allowed = pageOrigins('localhost', 8080);
    expect(isOriginAllowed('http://evil.example', allowed)).toBe(false);
    expect(isOriginAllowed('http://localhost:9999', allowed)).toBe(false);
    expect(isOriginAllowed('null', allowed)).toBe(false);
  });

  it('accepts a client that sends no Origin (not a browser), and anything with *', () => {
    expect(isOriginAllowed(undefined, ['http://localhost:8080'])).toBe(true);
    expect(isOriginAllowed('http://evil.example', ['*'])).toBe(true);
  });
});
