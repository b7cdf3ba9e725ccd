import { useCleanup, wsClient } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { startHub } from '../src/chat-hubs.ts';
import {
  connectClients,
  type LoadGenerator,
  measureBurst,
  measureSteady,
  openSender,
} from '../src/chat-load.ts';
import { buildGoProgram, hasGo, INSTALL_GO } from '../src/go-programs.ts';

// go/hub in both write designs, through the same phases `pnpm bench chat`
// measures, with its load generator: every client gets every message of the
// sender, in order. With coalescing, a frame holds several envelopes joined
// by newlines, and each must be counted. Without Go these tests are skipped,
// with a message, except in CI, which installs it (.ci/run).

const track = useCleanup();
const clients = 30;
const settings = { rate: 50, durationMs: 200, messageBytes: 100, drainMs: 5000, burstMessages: 50 };

function describeWithGo(name: string, body: () => void): void {
  if (hasGo()) {
    describe(name, body);
  } else if (process.env.CI) {
    describe(name, () => {
      it('has Go to build with', () => {
        throw new Error(`no \`go\` found: ${INSTALL_GO}`);
      });
    });
  } else {
    console.warn(`[${name}] no \`go\` found, so these tests are skipped: ${INSTALL_GO}`);
    describe.skip(name, body);
  }
}

describeWithGo('the Go hubs', () => {
  it.each(['Go seed', 'Go coalescing'] as const)(
    '%s delivers every message to every client, in order, steady and in a burst',
    async (name) => {
      const hub = await startHub(name, { goHub: buildGoProgram('hub') });
      track(() => hub.stop());
      let generators: LoadGenerator[] = [];
      track(() => Promise.all(generators.map((generator) => generator.close())));
      generators = await connectClients([hub.url], clients, clients);
      const sender = await openSender(hub.url);
      track(() => sender.terminate());

      const steady = await measureSteady(generators, sender, clients, settings, () => {});
      expect(steady).toMatchObject({
        expected: 10 * clients,
        lost: 0,
        outOfOrder: 0,
        closedByServer: 0,
      });
      const burst = await measureBurst(generators, sender, clients, settings);
      expect(burst).toMatchObject({
        expected: 50 * clients,
        lost: 0,
        outOfOrder: 0,
        closedByServer: 0,
      });
    },
  );
});

/** Reads `client`'s messages until `envelopes` chat events came (a frame may join several); the last one's `online`. */
function readEnvelopes(client: WebSocket, envelopes: number): Promise<number> {
  return new Promise((resolve) => {
    let seen = 0;
    const onMessage = (data: Buffer) => {
      const events = data.toString().split('\n');
      seen += events.length;
      if (seen < envelopes) return;
      client.off('message', onMessage);
      resolve(JSON.parse(events.at(-1)!).online);
    };
    client.on('message', onMessage);
  });
}

describeWithGo('a Go hub with a client that stops reading', () => {
  it.each(['Go seed', 'Go coalescing'] as const)(
    '%s evicts it once its send channel is full, and the others go on',
    async (name) => {
      const hub = await startHub(name, { goHub: buildGoProgram('hub') });
      track(() => hub.stop());
      const reader = await wsClient(track, `${hub.url}?name=reader`);
      const slow = await wsClient(track, `${hub.url}?name=slow`);
      const sender = await wsClient(track, `${hub.url}?name=sender`);
      slow.pause(); // its kernel buffers fill, then its 256-message channel
      // Each round, the reader gets everything the sender sent; the envelopes
      // say how many are online, 3 until the hub lets the slow one go. Rounds
      // stay under 256: a hub on one core can queue a bigger burst faster than
      // even a fast client's writePump drains it, and evict that client too.
      const batch = 200;
      let online = 3;
      for (let sent = 0; online === 3; sent += batch) {
        if (sent >= 200_000) throw new Error(`${sent} messages and the slow client is still there`);
        const received = readEnvelopes(reader, batch);
        for (let i = 0; i < batch; i++) sender.send(`${sent + i} ${'x'.repeat(400)}`);
        online = await received;
      }
      expect(online).toBe(2);
    },
  );
});
