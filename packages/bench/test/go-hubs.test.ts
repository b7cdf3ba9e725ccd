import { useCleanup } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
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
