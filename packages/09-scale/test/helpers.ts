import { EventEmitter } from 'node:events';
import { type Cleanup, captureLogger } from '@sockets/testkit';
import { Redis } from 'ioredis';
import type { ScaleEvent } from '../src/messages.ts';
import type { ScaleServerOptions } from '../src/options.ts';
import {
  type ConnectionState,
  ReconnectingChat,
  type ReconnectingChatOptions,
} from '../src/reconnecting-client.ts';
import { type RedisServer, startRedisServer } from '../src/redis-server.ts';
import { startScaleServer } from '../src/server.ts';

type Track = (cleanup: Cleanup) => unknown;

/** A real redis-server of the test's own, on a free port, stopped after the test. */
export async function startTestRedis(track: Track): Promise<RedisServer> {
  const redis = await startRedisServer();
  track(() => redis.stop());
  return redis;
}

/** A plain connection for the test itself (to look at, trim or disturb the chat's Redis). */
export function redisClient(track: Track, url: string): Redis {
  const redis = new Redis(url);
  track(() => redis.disconnect());
  return redis;
}

/** A chat server process's worth of lesson, in this process, whose log lines a test can wait for. */
export async function startTestServer(
  track: Track,
  redisUrl: string,
  options: Partial<ScaleServerOptions> = {},
) {
  const captured = captureLogger('scale');
  const server = await startScaleServer({ port: 0, redisUrl, log: captured.log, ...options });
  track(() => server.close());
  return { server, ...captured };
}

/** A ReconnectingChat that keeps every event and state it sees, so a test can wait for one. */
export class Peer {
  readonly events: ScaleEvent[] = [];
  readonly states: ConnectionState[] = [];
  private readonly changed = new EventEmitter();

  constructor(readonly chat: ReconnectingChat) {
    chat.on('event', (event) => {
      this.events.push(event);
      this.changed.emit('change');
    });
    chat.on('state', (state) => {
      this.states.push(state);
      this.changed.emit('change');
    });
  }

  /** The chat messages received so far, in order. */
  get messages() {
    return this.events.flatMap((event) => (event.type === 'message' ? [event] : []));
  }

  get texts(): string[] {
    return this.messages.map((message) => message.text);
  }

  /** Resolves once `done()` is true (checked now, and after every event or state change). */
  until(done: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      if (done()) return resolve();
      const check = () => {
        if (!done()) return;
        this.changed.off('change', check);
        resolve();
      };
      this.changed.on('change', check);
    });
  }

  /** Resolves with the texts once `count` chat messages have arrived. */
  async waitForTexts(count: number): Promise<string[]> {
    await this.until(() => this.texts.length >= count);
    return this.texts;
  }

  /** Resolves with the first event of this type (already received or still to come). */
  async waitForEvent<T extends ScaleEvent['type']>(
    type: T,
  ): Promise<Extract<ScaleEvent, { type: T }>> {
    await this.until(() => this.events.some((event) => event.type === type));
    return this.events.find((event) => event.type === type) as Extract<ScaleEvent, { type: T }>;
  }
}

/** Joins the chat at `urls` (the first, then the next after each drop); closed after the test. */
export async function join(
  track: Track,
  urls: string | string[],
  options: Partial<ReconnectingChatOptions> = {},
): Promise<Peer> {
  const chat = new ReconnectingChat({
    urls: typeof urls === 'string' ? [urls] : urls,
    name: '',
    reconnectMinMs: 20,
    reconnectMaxMs: 200,
    ...options,
  });
  const peer = new Peer(chat);
  track(() => chat.close());
  await chat.opened;
  await peer.waitForEvent('welcome');
  return peer;
}

/**
 * The id Redis gave a connection named `name` (ioredis's connectionName): the
 * first one, or the `nth` (0, 1 …) in the order they connected.
 */
export async function connectionId(redis: Redis, name: string, nth = 0): Promise<string> {
  const list = (await redis.client('LIST')) as string;
  const lines = list.split('\n').filter((entry) => entry.includes(` name=${name} `));
  const id = lines[nth]?.match(/^id=(\d+)/)?.[1];
  if (id === undefined) throw new Error(`no connection number ${nth} named ${name} in:\n${list}`);
  return id;
}

/** A chat message as another process would publish it. */
export function chatMessage(text: string) {
  return { type: 'message' as const, from: 'elsewhere', text, at: Date.now(), online: 1 };
}
