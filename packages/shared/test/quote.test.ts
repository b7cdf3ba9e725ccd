import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quote } from '../src/index.ts';

describe('quote', () => {
  it('puts peer text in double quotes', () => {
    expect(quote('hello, server!')).toBe('"hello, server!"');
  });

  it('escapes a line break, so peer text cannot start a log line of its own', () => {
    expect(quote('bye\n[chat] admin connected')).toBe('"bye\\n[chat] admin connected"');
  });

  it('escapes ESC, DEL and the C1 controls, so nothing reaches the terminal as a command', () => {
    expect(quote('\x1b[2J\x7f\u009b31m')).toBe('"\\u001b[2J\\u007f\\u009b31m"');
  });

  it('escapes the bidi overrides and line separators that make text read differently', () => {
    expect(quote('a\u202eb\u2066c\u2028d')).toBe('"a\\u202eb\\u2066c\\u2028d"');
  });

  it('keeps other text as it is: accents, CJK, emoji', () => {
    expect(quote('héllo 你好 👋')).toBe('"héllo 你好 👋"');
  });

  it('never lets a control character through, and reads back as the same text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const quoted = quote(text);
        expect(quoted).not.toMatch(
          /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/,
        );
        expect(JSON.parse(quoted)).toBe(text);
      }),
    );
  });
});
