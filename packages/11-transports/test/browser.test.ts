import { describeInBrowser, newBrowserPage, saveScreenshot, useCleanup } from '@sockets/testkit';
import { expect, it } from 'vitest';
import { openStream, startServer } from './helpers.ts';

const track = useCleanup();
const panels = ['poll', 'longPoll', 'sse', 'ws'];

describeInBrowser('the page', () => {
  it('shows all four panels updating, with their latency, requests, bytes and misses', async () => {
    const { server } = await startServer(track, { tickMs: 500, pollMs: 500 });
    const page = await newBrowserPage(track, { viewport: { width: 900, height: 620 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);

    const field = (panel: string, name: string) => page.locator(`#${panel} .${name}`).textContent();
    // Every panel has shown five ticks, each newer than the last.
    for (const panel of panels) {
      await expect
        .poll(async () => Number(await field(panel, 'received')), { timeout: 20_000 })
        .toBeGreaterThanOrEqual(5);
    }
    // The costs come from /stats once a second: wait for them to cover what was shown.
    await expect.poll(async () => Number(await field('sse', 'requests'))).toBe(1);
    for (const panel of panels) {
      expect(Number(await field(panel, 'n')), panel).toBeGreaterThan(1);
      expect(Number(await field(panel, 'latency')), panel).toBeGreaterThanOrEqual(0);
      expect(Number(await field(panel, 'requests')), panel).toBeGreaterThanOrEqual(1);
      expect(Number(await field(panel, 'up')), panel).toBeGreaterThan(0);
      expect(Number(await field(panel, 'down')), panel).toBeGreaterThan(0);
    }
    for (const panel of ['longPoll', 'sse', 'ws'])
      expect(await field(panel, 'missed'), panel).toBe('0');
    expect(await field('ws', 'requests')).toBe('1');
    // What the browser sends with every poll (User-Agent, Accept, sec-ch-ua …)
    // makes a poll cost far more up than a WebSocket's frames ever do.
    expect(Number(await field('poll', 'up'))).toBeGreaterThan(Number(await field('ws', 'up')));
    saveScreenshot('11-transports', await page.screenshot({ fullPage: true }));

    // Every connection drops: long polling retries with `after`, EventSource
    // reconnects with Last-Event-ID, the page reopens its WebSocket with
    // `after`. Three more ticks later, none of them has missed one.
    const before = Number(await field('ws', 'n'));
    server.dropConnections();
    for (const panel of panels) {
      await expect
        .poll(async () => Number(await field(panel, 'n')), { timeout: 20_000 })
        .toBeGreaterThanOrEqual(before + 3);
    }
    for (const panel of ['longPoll', 'sse', 'ws'])
      expect(await field(panel, 'missed'), panel).toBe('0');
    await expect.poll(() => field('ws', 'requests')).toBe('2');
    expect(errors).toEqual([]);
  });

  it('opens a new EventSource after a 503, and catches up with `after`', async () => {
    const { server, waitForLine } = await startServer(track, { tickMs: 300, maxStreams: 1 });
    const page = await newBrowserPage(track);
    await page.goto(server.url);
    const field = (name: string) => page.locator(`#sse .${name}`).textContent();
    await expect
      .poll(async () => Number(await field('received')), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(2);

    // The page's stream drops; before EventSource reconnects (after `retry:`,
    // 2 s), another client takes the one place, and the page's reconnect gets 503.
    server.dropConnections();
    const other = await openStream(track, new URL('/events', server.url));
    await waitForLine(/refused an event stream from .*: 1 already open \(503\)/);
    await expect.poll(() => field('status')).toBe('refused: trying again…');

    // The place frees up: the page's new EventSource asks for what it missed.
    const missedFrom = Number(await field('n'));
    other.close();
    await waitForLine(new RegExp(`opened an event stream after event ${missedFrom}$`));
    await expect.poll(() => field('status')).toBe('open');
    await expect
      .poll(async () => Number(await field('n')), { timeout: 20_000 })
      .toBeGreaterThan(missedFrom + 3);
    expect(await field('missed')).toBe('0');
  });
});
