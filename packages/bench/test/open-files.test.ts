import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkOpenFileLimit } from '../src/chat-load.ts';

const limit = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();

describe('checkOpenFileLimit', () => {
  it('passes when the limit covers the clients', () => {
    expect(() => checkOpenFileLimit(10)).not.toThrow();
  });

  it.skipIf(limit === 'unlimited')('says how to raise the limit when it is too low', () => {
    expect(() => checkOpenFileLimit(Number(limit))).toThrow(
      new RegExp(`but ulimit -n is ${limit}\\. Raise it in this shell first: ulimit -n \\d+`),
    );
  });
});
