import type { Logger } from '@sockets/shared';
import type { Redis } from 'ioredis';
import type { Bus, Replay } from './bus.ts';
import { type BusMessage, type ChatMessage, parseBusMessage } from './messages.ts';
import { connectRedis, disconnect, failFast, waitThrough } from './redis.ts';

// The bus on Redis pub/sub: PUBLISH sends a message to whoever is SUBSCRIBEd
// to the channel at that moment, and Redis keeps nothing. It is the simplest
// bus and the fastest, and it is "at most once": a process whose connection
// to Redis is down while a message is published never gets that message, not
// even after it reconnects (test/pubsub.test.ts shows it). So there is no
// history to resume from either.

export interface PubSubBusOptions {
  redisUrl: string;
  channel: string;
  log: Logger;
}

export class PubSubBus implements Bus {
  readonly kind = 'pubsub';

  readonly #options: PubSubBusOptions;
  readonly #publisher: Redis;
  /** A connection in subscriber mode can run no other commands, hence two. */
  readonly #subscriber: Redis;

  private constructor(options: PubSubBusOptions, publisher: Redis, subscriber: Redis) {
    this.#options = options;
    this.#publisher = publisher;
    this.#subscriber = subscriber;
  }

  static async open(options: PubSubBusOptions): Promise<PubSubBus> {
    const publisher = await connectRedis(options.redisUrl, 'bus publisher', options.log, failFast);
    try {
      const subscriber = await connectRedis(
        options.redisUrl,
        'bus subscriber',
        options.log,
        waitThrough,
      );
      return new PubSubBus(options, publisher, subscriber);
    } catch (error) {
      disconnect(publisher);
      throw error;
    }
  }

  // #region pubsub
  async publish(message: ChatMessage): Promise<void> {
    await this.#publisher.publish(this.#options.channel, JSON.stringify(message));
  }

  async subscribe(deliver: (message: BusMessage) => void): Promise<void> {
    const { channel, log } = this.#options;
    this.#subscriber.on('message', (from: string, json: string) => {
      if (from !== channel) return;
      const message = parseBusMessage(json);
      if (message === undefined) log.warn(`skipped a message on ${channel}: not a chat message`);
      else deliver(message);
    });
    // ioredis subscribes again by itself after a reconnect; what was
    // published in between is gone.
    await this.#subscriber.subscribe(channel);
  }

  /** Pub/sub keeps nothing: a returning client may have missed anything. */
  async replay(): Promise<Replay> {
    return { gap: true, messages: [] };
  }
  // #endregion pubsub

  async close(): Promise<void> {
    disconnect(this.#subscriber);
    disconnect(this.#publisher);
  }
}
