import { describe, expect, it } from 'vitest';
import { runCleanups } from '../src/cleanup.ts';

describe('runCleanups', () => {
  it('runs every cleanup, in order, even after one fails, then throws that failure', async () => {
    const ran: string[] = [];
    const run = runCleanups([
      () => ran.push('client'),
      () => {
        throw new Error('the client would not close');
      },
      () => ran.push('redis-server'),
    ]);
    await expect(run).rejects.toThrow('the client would not close');
    expect(ran).toEqual(['client', 'redis-server']);
  });

  it('reports every failure when several fail', async () => {
    const fail = (message: string) => () => Promise.reject(new Error(message));
    await expect(runCleanups([fail('a'), fail('b')])).rejects.toThrow('2 cleanups failed');
  });
});
