import { readFileSync } from 'node:fs';
import { type ChatServer, startChatServer } from '@sockets/chat';
import type { Bus } from './bus.ts';
import { BusHub } from './bus-hub.ts';
import { checkScaleOptions, type ScaleServerOptions, serverDefaults } from './options.ts';
import { PubSubBus } from './pubsub-bus.ts';
import { StreamsBus } from './streams-bus.ts';

// One chat server process: lesson 07's server (same page path, same /ws, same
// Clients) with a BusHub that talks to Redis, and this lesson's page, which
// reconnects. Start as many as you like on the same REDIS_URL.

export interface ScaleServer extends ChatServer {
  hub: BusHub;
  bus: Bus;
}

// #region server
export async function startScaleServer(
  overrides: Partial<ScaleServerOptions> = {},
): Promise<ScaleServer> {
  const options: ScaleServerOptions = { ...serverDefaults, ...overrides };
  checkScaleOptions(options);
  const { log, redisUrl } = options;
  if (redisUrl === '') throw new Error('startScaleServer needs a redisUrl');

  const bus =
    options.bus === 'pubsub' ? await PubSubBus.open(options) : await StreamsBus.open(options);
  const hub = new BusHub(options, bus);
  let chat: ChatServer;
  try {
    await bus.subscribe((message) => hub.deliver(message));
    const page = readFileSync(new URL('./page.html', import.meta.url), 'utf8');
    log.info(
      `chat messages go through Redis ${options.bus === 'pubsub' ? 'pub/sub channel' : 'stream'} "${options.channel}" at ${redisUrl}`,
    );
    chat = await startChatServer(options, { hub, page });
  } catch (error) {
    await bus.close();
    throw error;
  }
  return {
    ...chat,
    hub,
    bus,
    close: async () => {
      await chat.close();
      await bus.close();
    },
  };
}
// #endregion server
