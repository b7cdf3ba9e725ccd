import { once } from 'node:events';
import { explainError, type Logger } from '@sockets/shared';
import type { Redis } from 'ioredis';
import type { Bus, Replay } from './bus.ts';
import { type BusMessage, type ChatMessage, parseBusMessage } from './messages.ts';
import { connectRedis, disconnect, failFast, waitThrough } from './redis.ts';

// The bus on a Redis Stream: an append-only log kept in Redis. Every process
// appends with XADD, and every process reads the same log with XREAD, each
// from the last id it has seen. Because the log is kept, a reader that was
// away (its Redis connection dropped, its process restarted) carries on from
// where it was and misses nothing, and a client can ask for what it missed.

export interface StreamsBusOptions {
  redisUrl: string;
  /** The stream's key. */
  channel: string;
  /** At most this many messages are sent to a client that comes back. */
  historyLimit: number;
  /** Keep about this many messages (XADD MAXLEN ~); see ScaleServerOptions. */
  streamLength: number;
  log: Logger;
}

/** How many entries one XREAD may return: a burst is delivered in batches of this size. */
const READ_BATCH = 100;

export class StreamsBus implements Bus {
  readonly kind = 'streams';
  #closed = false;
  readonly #options: StreamsBusOptions;
  /** XADD and XRANGE: fail at once when Redis is away. */
  readonly #writer: Redis;
  /** XREAD BLOCK: waits through an outage, then reads on from `#lastId`. */
  readonly #reader: Redis;
  /** The id of the last message delivered: where the next XREAD starts. */
  #lastId: string;

  private constructor(options: StreamsBusOptions, writer: Redis, reader: Redis, lastId: string) {
    this.#options = options;
    this.#writer = writer;
    this.#reader = reader;
    this.#lastId = lastId;
  }

  static async open(options: StreamsBusOptions): Promise<StreamsBus> {
    const { redisUrl, log } = options;
    const writer = await connectRedis(redisUrl, 'bus writer', log, failFast);
    try {
      const reader = await connectRedis(redisUrl, 'bus reader', log, waitThrough);
      // Start after the newest message already kept: a process delivers what
      // is said from its start on, and `?since=` fetches older ones.
      const newest = await writer.xrevrange(options.channel, '+', '-', 'COUNT', 1);
      return new StreamsBus(options, writer, reader, newest[0]?.[0] ?? '0-0');
    } catch (error) {
      disconnect(writer);
      throw error;
    }
  }

  // #region publish
  async publish(message: ChatMessage): Promise<void> {
    // MAXLEN ~ N: trim to about N entries. The `~` lets Redis trim only whole
    // blocks of entries, which is much cheaper than trimming to exactly N, so
    // it keeps N or somewhat more (redis.io/docs/latest/commands/xadd).
    await this.#writer.xadd(
      this.#options.channel,
      'MAXLEN',
      '~',
      this.#options.streamLength,
      '*',
      'message',
      JSON.stringify(message),
    );
  }
  // #endregion publish

  // #region read
  async subscribe(deliver: (message: BusMessage) => void): Promise<void> {
    void this.#readForever(deliver);
  }

  async #readForever(deliver: (message: BusMessage) => void): Promise<void> {
    const { channel, log } = this.#options;
    while (!this.#closed) {
      let reply: [string, [string, string[]][]][] | null;
      try {
        // BLOCK 0: wait as long as it takes for an entry after lastId. During
        // an outage ioredis holds this command and sends it again once Redis
        // is back, still from lastId: nothing added meanwhile is skipped.
        reply = await this.#reader.xread(
          'COUNT',
          READ_BATCH,
          'BLOCK',
          0,
          'STREAMS',
          channel,
          this.#lastId,
        );
      } catch (error) {
        if (this.#closed) return;
        log.warn(
          `reading ${channel} failed: ${explainError(error)}; reading again when Redis is ready`,
        );
        if (this.#reader.status !== 'ready') await once(this.#reader, 'ready');
        continue;
      }
      for (const [, entries] of reply ?? []) {
        for (const [id, fields] of entries) {
          this.#lastId = id;
          const message = parseBusMessage(fields[1] ?? '');
          if (message === undefined)
            log.warn(`skipped entry ${id} of ${channel}: not a chat message`);
          else deliver({ ...message, id });
        }
      }
    }
  }
  // #endregion read

  // #region replay
  /**
   * The kept messages after `since`, up to the last one this process has
   * delivered: the hub sends everything after that live, so history and live
   * meet at one id, and no message comes both ways or falls between them.
   */
  async replay(since: string): Promise<Replay> {
    const { channel, historyLimit } = this.#options;
    const delivered = this.#lastId; // read now, before any await lets the reader move on
    // We can vouch that nothing is missing only from an id we still hold: if
    // `since` itself was trimmed away (or Redis lost its data), so may have
    // been the messages after it. Socket.IO's connection-state recovery uses
    // the same rule.
    const stillKept = await this.#writer.xrange(channel, since, since);
    // Newest first, one more than we send: if that many came back, there are
    // more after `since` than a returning client is given.
    const newestFirst = await this.#writer.xrevrange(
      channel,
      delivered,
      `(${since}`,
      'COUNT',
      historyLimit + 1,
    );
    const gap = stillKept.length === 0 || newestFirst.length > historyLimit;
    const messages: BusMessage[] = [];
    for (const [id, fields] of newestFirst.slice(0, historyLimit).reverse()) {
      const message = parseBusMessage(fields[1] ?? '');
      if (message !== undefined) messages.push({ ...message, id });
    }
    return { gap, messages, until: delivered };
  }
  // #endregion replay

  async close(): Promise<void> {
    // readForever stops at its next turn. We do not wait for that: while Redis
    // is down, ioredis keeps the pending XREAD and never settles it once we
    // disconnect, and a server must be able to close during an outage.
    this.#closed = true;
    disconnect(this.#reader);
    disconnect(this.#writer);
  }
}
