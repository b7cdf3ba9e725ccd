import { describe, expect, it } from 'vitest';
import { serverOptionsFromEnv } from '../src/index.ts';

describe('serverOptionsFromEnv', () => {
  it.each([
    ['TICK_MS', '0'],
    ['MAX_HELD_POLLS', '0'],
    ['MAX_STREAMS', '0'],
  ])('refuses %s=%s, which would make the lesson misbehave, and says why', (name, value) => {
    expect(() => serverOptionsFromEnv({ [name]: value })).toThrow(`${name} must be at least 1`);
  });

  it('takes MAX_STREAMS from the environment', () => {
    expect(serverOptionsFromEnv({ MAX_STREAMS: '5' }).maxStreams).toBe(5);
  });
});
