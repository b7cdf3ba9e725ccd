import { fileURLToPath } from 'node:url';
import { type RunningScript, startScript, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';

const track = useCleanup();
const packageDir = fileURLToPath(new URL('..', import.meta.url));

function run(file: string, env: Record<string, string> = {}): RunningScript {
  const script = startScript(packageDir, file, env);
  track(() => script.stop());
  return script;
}

describe('bin/ scripts', () => {
  it('server: prints its ready line, shows each handshake, and exits 0 on SIGINT', async () => {
    const server = run('bin/server.ts');
    const url = await server.ready();
    expect(url).toMatch(/^ws:\/\/localhost:\d+\/chat$/);

    const ws = new WebSocket(url, ['chat']);
    track(() => ws.terminate());
    await new Promise((resolve) => ws.once('open', resolve));
    await server.waitForLine(/^\[handshake\] {3}Sec-WebSocket-Protocol: chat$/);
    expect(await server.stop('SIGINT')).toBe(0);
  });

  it('client: prints the request and the response, and exits 0', async () => {
    const server = run('bin/server.ts');
    const url = await server.ready();
    const client = run('bin/client.ts', { URL: url });
    expect(await client.exited).toBe(0);
    expect(client.output).toContain('[handshake-client]   Cookie: name=zcy');
    expect(client.output).toContain('[handshake-client]   Sec-WebSocket-Protocol: chat, superchat');
    expect(client.output).toContain('[handshake-client]   HTTP/1.1 101 Switching Protocols');
    expect(client.output.at(-1)).toBe(
      '[handshake-client] handshake complete: accept value verified, subprotocol chat',
    );
    await server.waitForLine(/disconnected/);
  });

  it('client: explains a refusal in one line and exits 1', async () => {
    const server = run('bin/server.ts');
    const url = await server.ready();
    const client = run('bin/client.ts', { URL: url, ORIGIN: 'http://example.com' });
    expect(await client.exited).toBe(1);
    expect(client.output).toContain(
      '[handshake-client] error: server refused the upgrade: 403 Forbidden: origin "http://example.com" is not allowed',
    );
  });
});
