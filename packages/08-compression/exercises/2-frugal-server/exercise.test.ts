import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { startEchoServer } from '@sockets/echo';
import { captureLogger, loadExercise, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { deflateDefaults, permessageDeflate } from '../../src/index.ts';

const { frugalAnswer } = await loadExercise<typeof import('./solution.ts')>(import.meta.url);

const track = useCleanup();
const frugal = 'permessage-deflate; server_no_context_takeover; client_no_context_takeover';

describe('frugalAnswer', () => {
  it.each([
    ['permessage-deflate; client_max_window_bits', frugal],
    ['permessage-deflate', frugal],
    ['permessage-deflate; server_no_context_takeover', frugal],
    ['x-webkit-deflate-frame, permessage-deflate', frugal],
    ['permessage-deflate; mystery, permessage-deflate', frugal],
    ['permessage-deflate; server_max_window_bits=10', `${frugal}; server_max_window_bits=10`],
  ])('%j → %j', (offer, answer) => {
    expect(
      frugalAnswer(offer),
      'hint: both no_context_takeover parameters, on the first valid permessage-deflate offer',
    ).toBe(answer);
  });

  it.each([
    [undefined],
    ['x-webkit-deflate-frame'],
    ['permessage-deflate; server_max_window_bits=99'],
    ['permessage-deflate; a="1'],
  ])('declines %j', (offer) => {
    expect(frugalAnswer(offer), 'hint: no valid offer: return undefined').toBeUndefined();
  });
});

describe('on a real server', () => {
  it('a ws client agrees to no context takeover both ways, and its messages echo', async () => {
    const logged = captureLogger('frugal');
    const support = permessageDeflate({ ...deflateDefaults, thresholdBytes: 0 }, logged.log);
    const server = await startEchoServer({
      host: '127.0.0.1',
      port: 0,
      log: logged.log,
      extensions: { ...support, answer: frugalAnswer },
    });
    track(() => server.close());
    const client = new WebSocket(server.url, { perMessageDeflate: { threshold: 0 } });
    track(() => client.terminate());
    const opened = once(client, 'open');
    const [response] = (await once(client, 'upgrade')) as [IncomingMessage];
    await opened;
    expect(
      response.headers['sec-websocket-extensions'],
      'hint: the answer is what the client agrees to',
    ).toBe(frugal);
    for (const text of ['hello', 'hello', 'hello, server!']) {
      const reply = once(client, 'message') as Promise<[Buffer]>;
      client.send(text);
      expect((await reply)[0].toString(), 'hint: an agreed extension must still echo').toBe(text);
    }
  });
});
