import { once } from 'node:events';
import { connect } from 'node:net';
import { captureLogger, loadExercise, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { startTcpServer } from '../../src/index.ts';

const { calculator } = await loadExercise<typeof import('./solution.ts')>(import.meta.url);

const track = useCleanup();

/** Send lines to a real lesson 01 server answering with `calculator`; every reply, in order. */
async function ask(lines: string[]): Promise<string[]> {
  const server = await startTcpServer({
    port: 0,
    respond: calculator,
    log: captureLogger('tcp-server').log,
  });
  track(() => server.close());
  const socket = connect({ port: server.port, host: 'localhost' });
  track(() => socket.destroy());
  await once(socket, 'connect');
  socket.end(lines.map((line) => `${line}\n`).join(''));
  let text = '';
  for await (const chunk of socket) text += chunk;
  return text.split('\n').slice(0, -1);
}

describe('calculator', () => {
  it('adds two whole numbers: "7 4" → "11"', async () => {
    expect(await calculator('7 4'), 'hint: reply with the sum, as text').toBe('11');
  });

  it('copes with negative numbers, decimals and extra spaces', async () => {
    expect(await calculator('-2 0.5'), 'hint: Number("-2") is -2').toBe('-1.5');
    expect(await calculator('  10    20 '), 'hint: trim, then split on runs of spaces').toBe('30');
    expect(await calculator('1\t2'), 'hint: a tab separates too (/\\s+/)').toBe('3');
  });

  it('answers error: … for anything that is not two numbers', async () => {
    for (const line of ['7', '7 4 1', 'seven four', '', '7 x', '0x10 1']) {
      expect(await calculator(line), `hint: ${JSON.stringify(line)} is not two numbers`).toMatch(
        /^error: /,
      );
    }
  });

  it('refuses a sum that is not finite', async () => {
    const huge = `1${'0'.repeat(308)}`; // 1e308: a number, but twice that is Infinity
    expect(await calculator(`${huge} ${huge}`), 'hint: Number.isFinite').toMatch(/^error: /);
  });

  it('serves a whole session over TCP, an error not ending the connection', async () => {
    expect(
      await ask(['7 4', 'oops', '1 2']),
      'hint: one reply per line, in order; a bad line gets an error and the next one is answered',
    ).toEqual(['11', expect.stringMatching(/^error: /), '3']);
  });
});
