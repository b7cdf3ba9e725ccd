import { once } from 'node:events';
import { captureLogger, loadExercise, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  answer,
  chooseProtocol,
  handshakeRequestOf,
  headerValue,
  validateHandshake,
} from '../../src/index.ts';
import { startUpgradeServer } from '../../test/helpers.ts';

const { chooseByServerPreference } = await loadExercise<typeof import('./solution.ts')>(
  import.meta.url,
);

const track = useCleanup();

describe('chooseByServerPreference', () => {
  it("picks the server's favourite among what the client offers (seed 000's chat, superchat)", () => {
    expect(
      chooseProtocol('chat, superchat', ['superchat', 'chat']),
      "hint: lesson 03's rule, for comparison: the client's first choice that the server has",
    ).toBe('chat');
    expect(
      chooseByServerPreference('chat, superchat', ['superchat', 'chat']),
      "hint: walk the server's list, not the client's",
    ).toBe('superchat');
  });

  it('falls back to the next one the server likes when its favourite is not offered', () => {
    expect(
      chooseByServerPreference('chat, v1.chat', ['v3.chat', 'v2.chat', 'v1.chat', 'chat']),
      'hint: v3 and v2 are not offered; v1.chat comes before chat in the server list',
    ).toBe('v1.chat');
  });

  it('chooses nothing when there is nothing in common, or nothing offered', () => {
    expect(chooseByServerPreference('mqtt', ['chat']), 'hint: no match → undefined').toBe(
      undefined,
    );
    expect(chooseByServerPreference(undefined, ['chat']), 'hint: no header → undefined').toBe(
      undefined,
    );
    expect(chooseByServerPreference('chat', []), 'hint: a server with no protocols').toBe(
      undefined,
    );
  });

  it('reads the header as a list: spaces and empty items do not matter', () => {
    expect(
      chooseByServerPreference(' superchat ,, chat ', ['chat', 'superchat']),
      'hint: offeredProtocols from lesson 03 trims and drops empty names',
    ).toBe('chat');
  });

  it('compares names exactly', () => {
    expect(chooseByServerPreference('Chat', ['chat']), 'hint: "Chat" is not "chat"').toBe(
      undefined,
    );
  });

  it('answers a real client with the server’s choice', async () => {
    // Lesson 03's decision, with the subprotocol chosen by this rule instead.
    const { log } = captureLogger('handshake');
    const port = await startUpgradeServer(track, (request, socket, head) => {
      const parsed = handshakeRequestOf(request);
      const options = {
        paths: ['/chat'],
        protocols: ['superchat', 'chat'],
        allowedOrigins: ['*'],
        handshakeTimeoutMs: 5000,
        log,
      };
      const decision = validateHandshake(parsed, options);
      if (decision.accepted) {
        const offered = headerValue(parsed.fields, 'sec-websocket-protocol');
        decision.protocol = chooseByServerPreference(offered, options.protocols);
      }
      answer(socket, parsed, decision, head, options);
    });

    const ws = new WebSocket(`ws://127.0.0.1:${port}/chat`, ['chat', 'superchat']);
    track(() => ws.terminate());
    await once(ws, 'open');
    expect(ws.protocol, "hint: the 101's Sec-WebSocket-Protocol is the server's pick").toBe(
      'superchat',
    );
  });
});
