import { describe, expect, it } from 'vitest';
import { annotateOptionsFromEnv, demoOptionsFromEnv } from '../src/options.ts';

describe('options from the environment', () => {
  it("demo: TEXT, by default seed 001's message", () => {
    expect(demoOptionsFromEnv({})).toEqual({ text: 'hello, server!' });
    expect(demoOptionsFromEnv({ TEXT: 'héllo' })).toEqual({ text: 'héllo' });
  });

  it('annotate: ROLE is server, client or unset', () => {
    expect(annotateOptionsFromEnv({})).toEqual({ role: undefined });
    expect(annotateOptionsFromEnv({ ROLE: 'server' })).toEqual({ role: 'server' });
    expect(() => annotateOptionsFromEnv({ ROLE: 'proxy' })).toThrow(/ROLE must be/);
  });
});
