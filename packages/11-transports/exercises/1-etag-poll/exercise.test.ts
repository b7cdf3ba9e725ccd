import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadExercise, useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { Ticker } from '../../src/ticker.ts';

const { answerConditionalPoll, etagOf, matches } = await loadExercise<
  typeof import('./solution.ts')
>(import.meta.url);

const track = useCleanup();

describe('etagOf and matches', () => {
  it('quotes the tick number', () => {
    expect(etagOf(7), 'hint: an ETag is in double quotes').toBe('"7"');
  });

  it('compares If-None-Match weakly, as a list, with * for anything', () => {
    expect(matches('"7"', '"7"'), 'hint: the same tag matches').toBe(true);
    expect(matches(undefined, '"7"'), 'hint: no header, no match').toBe(false);
    expect(matches('"6"', '"7"'), 'hint: another tag does not').toBe(false);
    expect(matches('W/"7"', '"7"'), 'hint: W/ marks a weak tag; compare without it').toBe(true);
    expect(matches('"5", "6" ,W/"7"', '"7"'), 'hint: a comma-separated list').toBe(true);
    expect(matches('*', '"7"'), 'hint: * matches any current tag').toBe(true);
    expect(matches('"77"', '"7"'), 'hint: whole tags, not substrings').toBe(false);
  });
});

describe('answerConditionalPoll, on a real server', () => {
  async function serve() {
    const ticker = new Ticker(3_600_000, 10);
    track(() => ticker.stop());
    const server = createServer((request, response) =>
      answerConditionalPoll(ticker, request, response),
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    track(() => new Promise((resolve) => server.close(resolve)));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/poll`;
    const poll = (etag?: string) =>
      fetch(url, etag === undefined ? {} : { headers: { 'If-None-Match': etag } });
    return { ticker, poll };
  }

  it('answers 200 with the tick and its ETag, then 304 with no body while nothing changes', async () => {
    const { ticker, poll } = await serve();
    ticker.tick();
    const first = await poll();
    expect(first.status, 'hint: no If-None-Match: the tick, 200').toBe(200);
    expect(first.headers.get('etag'), 'hint: send ETag with the 200').toBe('"1"');
    expect(await first.json(), 'hint: the body is the tick as JSON').toMatchObject({ n: 1 });

    const again = await poll('"1"');
    expect(again.status, 'hint: If-None-Match names the current tag: 304').toBe(304);
    expect(again.headers.get('etag'), 'hint: a 304 carries the ETag too').toBe('"1"');
    expect(await again.text(), 'hint: a 304 has no body').toBe('');
    expect(again.headers.get('cache-control'), 'hint: Cache-Control: no-cache').toBe('no-cache');
  });

  it('answers 200 with the new ETag once a tick has passed', async () => {
    const { ticker, poll } = await serve();
    ticker.tick();
    ticker.tick();
    const changed = await poll('"1"');
    expect(changed.status, 'hint: an old tag is not a match').toBe(200);
    expect(changed.headers.get('etag'), "hint: the new tick's tag").toBe('"2"');
    expect(await changed.json(), 'hint: the new tick').toMatchObject({ n: 2 });
  });
});
