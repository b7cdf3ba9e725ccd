import { describe, expect, it } from 'vitest';
import { explainError } from '../src/errors.ts';

function systemError(code: string, address?: string, port?: number): Error {
  return Object.assign(new Error(`${code} raw message`), { code, address, port });
}

describe('explainError', () => {
  it('says what to do about the errors a learner meets first', () => {
    expect(explainError(systemError('ECONNREFUSED', '127.0.0.1', 7000))).toBe(
      'connection refused by 127.0.0.1:7000: nothing is listening there. Start the server first, or check HOST and PORT. (ECONNREFUSED)',
    );
    expect(explainError(systemError('EADDRINUSE', '::', 8080))).toMatch(
      /^address :::8080 is already in use/,
    );
    expect(explainError(systemError('ECONNRESET'))).toMatch(/^connection reset by the peer/);
  });

  it('keeps the original message for anything else', () => {
    expect(explainError(new Error('something odd'))).toBe('something odd');
    expect(explainError('a string')).toBe('a string');
  });
});
