import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failWith } from '../src/events.ts';
import {
  CloseCode,
  closeCodeTable,
  describeCloseCode,
  encodeCloseFrame,
  encodeClosePayload,
  isNormalClose,
  isValidWireCloseCode,
  parseClosePayload,
} from '../src/index.ts';

describe('close codes (§7.4)', () => {
  it('allows on the wire exactly 1000-1003, 1007-1014 and 3000-4999', () => {
    const allowed = Array.from({ length: 65536 }, (_, code) => code).filter(isValidWireCloseCode);
    const expected = [
      ...[1000, 1001, 1002, 1003],
      ...[1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014],
      ...Array.from({ length: 2000 }, (_, i) => 3000 + i),
    ];
    expect(allowed).toEqual(expected);
  });

  it('names every code for logs', () => {
    expect(describeCloseCode(CloseCode.protocolError)).toBe('1002 (protocol error)');
    expect(describeCloseCode(3001)).toBe('3001 (registered by a library or framework)');
    expect(describeCloseCode(4000)).toBe('4000 (private use)');
    expect(describeCloseCode(1004)).toBe('1004 (not a valid close code)');
    expect(closeCodeTable[CloseCode.abnormal]?.onTheWire).toBe(false);
  });

  it('calls 1000 and 1001 a normal end, and every other code, 1006 included, not', () => {
    const normal = Array.from({ length: 5000 }, (_, code) => code).filter(isNormalClose);
    expect(normal).toEqual([CloseCode.normal, CloseCode.goingAway]);
  });

  it('fails a connection only with 1002, 1007, 1008 or 1009', () => {
    expect(failWith(CloseCode.policyViolation, 'too many fragments').closeCode).toBe(1008);
    // @ts-expect-error: 1000 says all went well, so it cannot fail a connection (typecheck).
    expect(failWith(CloseCode.normal, 'fine').closeCode).toBe(1000);
  });
});

describe('close payloads (§5.5.1)', () => {
  it('encodes a code and a reason, or nothing', () => {
    expect(encodeClosePayload(1000, 'bye').toString('hex')).toBe('03e8627965');
    expect(encodeClosePayload()).toHaveLength(0);
    expect(Buffer.concat(encodeCloseFrame(1001, 'going away')).toString('hex')).toBe(
      `880c03e9${Buffer.from('going away').toString('hex')}`,
    );
  });

  it('refuses to send a code that must not be on the wire', () => {
    expect(() => encodeClosePayload(1005)).toThrow(RangeError);
    expect(() => encodeClosePayload(1006)).toThrow(RangeError);
  });

  it('cuts a long reason to 123 bytes without splitting a character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (reason) => {
        const payload = encodeClosePayload(1000, reason);
        expect(payload.length).toBeLessThanOrEqual(125);
        const sent = payload.subarray(2);
        expect(isUtf8(sent)).toBe(true);
        expect(reason.startsWith(sent.toString())).toBe(true);
        // Only what did not fit was cut: the next character would have overflowed.
        if (sent.length < Buffer.byteLength(reason)) {
          const next = reason.slice(sent.toString().length).codePointAt(0)!;
          expect(sent.length + Buffer.byteLength(String.fromCodePoint(next))).toBeGreaterThan(123);
        }
      }),
    );
    expect(encodeClosePayload(1000, '€'.repeat(50))).toHaveLength(2 + 41 * 3);
  });

  it('reads back what it encodes', () => {
    expect(parseClosePayload(encodeClosePayload(4000, 'héllo'))).toEqual({
      kind: 'close',
      code: 4000,
      reason: 'héllo',
    });
  });
});
