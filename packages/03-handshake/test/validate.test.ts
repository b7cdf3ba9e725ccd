import { describe, expect, it } from 'vitest';
import {
  chooseProtocol,
  type HandshakePolicy,
  rejectionResponse,
  switchingProtocols,
  validateHandshake,
} from '../src/index.ts';
import { seedRequest, withHeader } from './helpers.ts';

const policy: HandshakePolicy = {
  paths: ['/chat'],
  protocols: ['chat', 'superchat'],
  allowedOrigins: ['http://example.com'],
};

/** The status (and extra headers) a request is refused with. */
function refusal(changes: Parameters<typeof seedRequest>[0]) {
  const decision = validateHandshake(seedRequest(changes), policy);
  if (decision.accepted) throw new Error('expected a refusal');
  return decision;
}

describe('validateHandshake', () => {
  it("accepts seed 000's request with seed 000's answer", () => {
    const decision = validateHandshake(seedRequest(), policy);
    expect(decision).toEqual({
      accepted: true,
      path: '/chat',
      accept: 'HSmrc0sMlYUkAGmm5OPpG2HaGWk=',
      protocol: 'chat',
    });
    if (!decision.accepted) return;
    expect(switchingProtocols(decision)).toBe(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Accept: HSmrc0sMlYUkAGmm5OPpG2HaGWk=\r\nSec-WebSocket-Protocol: chat\r\n\r\n',
    );
  });

  it('refuses a method other than GET with 405 and Allow: GET', () => {
    expect(refusal({ method: 'POST' })).toMatchObject({ status: 405, headers: { Allow: 'GET' } });
  });

  it('refuses HTTP/1.0 with 400 and another major version with 505', () => {
    expect(refusal({ httpVersion: '1.0' }).status).toBe(400);
    expect(refusal({ httpVersion: '2.0' }).status).toBe(505);
    expect(refusal({ httpVersion: '0.9' }).status).toBe(505);
    expect(validateHandshake(seedRequest({ httpVersion: '1.2' }), policy).accepted).toBe(true);
  });

  it('refuses a missing, empty or repeated Host with 400', () => {
    expect(refusal({ fields: withHeader('Host', undefined) }).reason).toBe('missing Host header');
    expect(refusal({ fields: withHeader('Host', '') }).status).toBe(400);
    const twice = [...withHeader('Host', 'a'), ['Host', 'b'] as const];
    expect(refusal({ fields: twice }).reason).toBe('more than one Host header');
  });

  it('refuses an unknown path with 404, and ignores the query string', () => {
    expect(refusal({ target: '/other' })).toMatchObject({ status: 404 });
    expect(refusal({ target: '/chat/' }).status).toBe(404);
    expect(validateHandshake(seedRequest({ target: '/chat?room=1' }), policy).accepted).toBe(true);
    expect(
      validateHandshake(seedRequest({ target: 'ws://server.example.com/chat' }), policy).accepted,
    ).toBe(true);
    expect(refusal({ target: 'chat' }).status).toBe(400);
  });

  it('refuses a missing or wrong Upgrade with 400, whatever its case', () => {
    expect(refusal({ fields: withHeader('Upgrade', undefined) }).status).toBe(400);
    expect(refusal({ fields: withHeader('Upgrade', 'h2c') }).status).toBe(400);
    expect(
      validateHandshake(seedRequest({ fields: withHeader('Upgrade', 'WebSocket') }), policy)
        .accepted,
    ).toBe(true);
  });

  it('reads Connection as a token list: keep-alive, Upgrade is fine, keep-alive alone is 400', () => {
    const accepts = (value: string) =>
      validateHandshake(seedRequest({ fields: withHeader('Connection', value) }), policy).accepted;
    expect(accepts('keep-alive, Upgrade')).toBe(true);
    expect(accepts('upgrade')).toBe(true);
    expect(refusal({ fields: withHeader('Connection', 'keep-alive') }).status).toBe(400);
    expect(refusal({ fields: withHeader('Connection', undefined) }).status).toBe(400);
  });

  it('refuses another WebSocket version with 426 and Sec-WebSocket-Version: 13', () => {
    for (const version of ['8', '14', undefined]) {
      expect(refusal({ fields: withHeader('Sec-WebSocket-Version', version) })).toMatchObject({
        status: 426,
        headers: { 'Sec-WebSocket-Version': '13' },
      });
    }
  });

  it('refuses a key that is missing, repeated or not 16 bytes with 400', () => {
    expect(refusal({ fields: withHeader('Sec-WebSocket-Key', undefined) }).status).toBe(400);
    expect(refusal({ fields: withHeader('Sec-WebSocket-Key', 'c2hvcnQ=') }).status).toBe(400);
    const twice = [
      ...seedRequest().fields,
      ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='] as const,
    ];
    expect(refusal({ fields: twice }).status).toBe(400);
  });

  it('refuses a foreign Origin with 403, and accepts no Origin at all', () => {
    expect(refusal({ fields: withHeader('Origin', 'http://evil.example') }).status).toBe(403);
    expect(
      validateHandshake(seedRequest({ fields: withHeader('Origin', undefined) }), policy).accepted,
    ).toBe(true);
  });

  it('checks in a fixed order: method, version, Host, path, upgrade, version, key, origin', () => {
    const everythingWrong = seedRequest({
      method: 'PUT',
      httpVersion: '1.0',
      target: '/x',
      fields: [],
    });
    expect(validateHandshake(everythingWrong, policy)).toMatchObject({ status: 405 });
    expect(validateHandshake({ ...everythingWrong, method: 'GET' }, policy)).toMatchObject({
      status: 400,
    });
  });
});

describe('subprotocol negotiation', () => {
  it("takes the first protocol in the client's order that the server supports", () => {
    expect(chooseProtocol('chat, superchat', ['superchat', 'chat'])).toBe('chat');
    expect(chooseProtocol('superchat, chat', ['chat', 'superchat'])).toBe('superchat');
    expect(chooseProtocol('mqtt,  chat', ['chat'])).toBe('chat');
  });

  it('chooses none when nothing matches, and then sends no header', () => {
    expect(chooseProtocol('mqtt', ['chat'])).toBeUndefined();
    expect(chooseProtocol(undefined, ['chat'])).toBeUndefined();
    expect(chooseProtocol('Chat', ['chat'])).toBeUndefined(); // names are compared exactly
    const decision = validateHandshake(
      seedRequest({ fields: withHeader('Sec-WebSocket-Protocol', 'mqtt') }),
      policy,
    );
    if (!decision.accepted) throw new Error('expected acceptance');
    expect(switchingProtocols(decision)).not.toMatch(/Sec-WebSocket-Protocol/);
  });
});

describe('a refusal on the wire', () => {
  it('is a short HTTP response that says why and closes', () => {
    const text = rejectionResponse(refusal({ fields: withHeader('Sec-WebSocket-Version', '8') }));
    expect(text).toBe(
      'HTTP/1.1 426 Upgrade Required\r\n' +
        'Content-Type: text/plain; charset=utf-8\r\n' +
        'Content-Length: 49\r\n' +
        'Connection: close\r\n' +
        'Sec-WebSocket-Version: 13\r\n' +
        '\r\n' +
        'this server speaks WebSocket version 13, not "8"\n',
    );
  });
});
