import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';

// runMain in a real process, with real signals.

function waitForLine(program: ReturnType<typeof run>, text: string): Promise<void> {
  return new Promise((resolve) =>
    createInterface({ input: program.child.stdout }).on('line', (line) => {
      if (line.includes(text)) resolve();
    }),
  );
}

function run(mode: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'run-main.ts')],
    {
      env: { ...process.env, MODE: mode },
    },
  );
  const lines: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
  createInterface({ input: child.stderr }).on('line', (line) => lines.push(line));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, lines, exited };
}

describe('runMain', () => {
  it('closes cleanly and exits 0 on a SIGINT sent the moment the ready line appears', async () => {
    const program = run('server');
    await waitForLine(program, 'listening on');
    program.child.kill('SIGINT');
    expect(await program.exited).toBe(0);
    expect(program.lines).toContain('[fixture] closing the server');
  });

  it('exits 130 when interrupted while main is still busy', async () => {
    const program = run('busy');
    await waitForLine(program, 'busy');
    program.child.kill('SIGINT');
    expect(await program.exited).toBe(130);
  });

  it('explains a bad setting read before main has a promise in one line, and exits 1', async () => {
    const program = run('bad-setting');
    expect(await program.exited).toBe(1);
    expect(program.lines).toEqual([
      '[fixture] error: PORT must be a whole number of 0 or more, got "abc"',
    ]);
  });

  it('explains a start-up failure in one line and exits 1', async () => {
    const program = run('fail');
    expect(await program.exited).toBe(1);
    expect(program.lines.join('\n')).toMatch(
      /^\[fixture\] error: address :::8080 is already in use/m,
    );
  });
});
