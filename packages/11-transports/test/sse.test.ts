import { useCleanup } from '@sockets/testkit';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { describe, expect, it } from 'vitest';
import { formatComment, formatEvent, formatRetry } from '../src/index.ts';
import { fetchRaw, openStream, startServer } from './helpers.ts';

const track = useCleanup();

/** What a standard event-stream parser (the one the `eventsource` package uses) makes of some text. */
function parse(text: string) {
  const events: EventSourceMessage[] = [];
  const comments: string[] = [];
  const retries: number[] = [];
  const parser = createParser({
    onEvent: (event) => events.push(event),
    onComment: (comment) => comments.push(comment),
    onRetry: (retry) => retries.push(retry),
  });
  parser.feed(text);
  return { events, comments, retries };
}

/** The tick numbers of the events in an event stream's text. */
const tickNumbers = (text: string) => parse(text).events.map(({ data }) => JSON.parse(data).n);

describe('the event-stream framing', () => {
  it('writes one event as `field: value` lines and a blank line', () => {
    expect(formatEvent({ id: 7, data: '{"n":7}' })).toBe('id: 7\ndata: {"n":7}\n\n');
    expect(parse(formatEvent({ id: 7, event: 'tick', data: '{"n":7}' })).events).toEqual([
      { id: '7', event: 'tick', data: '{"n":7}' },
    ]);
  });

  it('sends multi-line data as several data: lines, which the client joins with \\n', () => {
    const data = 'first line\nsecond line\r\nthird\rfourth';
    expect(formatEvent({ data })).toBe(
      'data: first line\ndata: second line\ndata: third\ndata: fourth\n\n',
    );
    expect(parse(formatEvent({ data })).events[0]?.data).toBe(
      'first line\nsecond line\nthird\nfourth',
    );
    // A blank line inside the data does not end the event early.
    expect(parse(formatEvent({ data: 'a\n\nb' })).events.map((e) => e.data)).toEqual(['a\n\nb']);
  });

  it('refuses a line break in an id or event name, which would forge another field', () => {
    expect(() => formatEvent({ id: '1\ndata: forged', data: 'x' })).toThrow(/line break/);
    expect(() => formatEvent({ event: 'tick\r', data: 'x' })).toThrow(/line break/);
  });

  it('writes keep-alive comments, which the client ignores, and a retry time', () => {
    const text = formatRetry(2500) + formatComment('keep-alive') + formatEvent({ data: 'x' });
    expect(parse(text)).toEqual({
      events: [{ id: undefined, event: undefined, data: 'x' }],
      comments: ['keep-alive'],
      retries: [2500],
    });
  });
});

describe('GET /events', () => {
  it('streams retry:, then an id: and data: per tick, and a comment when idle', async () => {
    const { server } = await startServer(track, { sseRetryMs: 1234, keepAliveMs: 20 });
    const { headers, text } = await openStream(track, new URL('/events', server.url));
    expect(headers['content-type']).toBe('text/event-stream');
    expect(headers['cache-control']).toBe('no-store');
    server.ticker.tick();
    server.ticker.tick();
    // The stream then stays quiet: the next thing on it after the ticks is a
    // keep-alive comment. (One may also come before them, if the timer fires
    // between the stream's start and the ticks.)
    await expect.poll(() => /id: 2\n[\s\S]*: keep-alive\n\n$/.test(text())).toBe(true);
    const { events, comments, retries } = parse(text());
    expect(retries).toEqual([1234]);
    expect(events.map(({ id, data }) => [id, JSON.parse(data).n])).toEqual([
      ['1', 1],
      ['2', 2],
    ]);
    expect(comments.length).toBeGreaterThan(0);
    expect(text()).toMatch(
      /^retry: 1234\n\n(: keep-alive\n\n)*id: 1\ndata: \{"n":1,"at":[\d.]+,"price":[\d.]+\}\n\n/,
    );
  });

  it('answers a Last-Event-ID that is not a tick number with 400', async () => {
    const { server, waitForLine } = await startServer(track);
    const answer = await fetchRaw(new URL('/events', server.url).href, {
      'Last-Event-ID': 'seven',
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toBe('400 Last-Event-ID must be a tick number (0, 1, 2 …), got "seven"\n');
    await waitForLine(/warn: refused .*"\/events": 400 Last-Event-ID must be a tick number/);
    expect(server.streams.open).toBe(0);
  });

  it('starts after `?after=n` for a new EventSource; a Last-Event-ID, which is newer, wins', async () => {
    const { server } = await startServer(track);
    for (let i = 0; i < 5; i++) server.ticker.tick();
    const events = new URL('/events', server.url);
    const fresh = await openStream(track, new URL('?after=2', events));
    const reconnected = await openStream(track, new URL('?after=2', events), {
      'Last-Event-ID': '4',
    });
    await expect.poll(() => tickNumbers(fresh.text())).toEqual([3, 4, 5]);
    await expect.poll(() => tickNumbers(reconnected.text())).toEqual([5]);
  });

  it('holds at most MAX_STREAMS streams: the next gets 503 with Retry-After, until one ends', async () => {
    const { server, waitForLine } = await startServer(track, { maxStreams: 2 });
    const events = new URL('/events', server.url);
    const first = await openStream(track, events);
    await openStream(track, events);
    const refused = await fetchRaw(events.href);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    await waitForLine(
      /warn: refused an event stream from 127\.0\.0\.1:\d+: 2 already open \(503\)/,
    );
    expect(server.streams.open).toBe(2);

    first.close();
    await expect.poll(() => server.streams.open).toBe(1);
    expect((await openStream(track, events)).status).toBe(200);
  });
});
