import { EventEmitter, once } from 'node:events';
import { type ClientOptions, WebSocket } from 'ws';
import { type ChatEvent, parseEvent } from '../src/messages.ts';

/**
 * A ws client that records every chat event it receives, so a test can wait
 * for one ("ann has seen bob join") instead of sleeping. Later lessons' tests
 * use it too, as `@sockets/chat/testing`.
 */
export class ChatPeer {
  readonly events: ChatEvent[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly arrived = new EventEmitter();

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const event = parseEvent(data.toString());
      this.events.push(event);
      this.arrived.emit('event', event);
    });
    this.closed = new Promise((resolve) => {
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
  }

  /** The texts of the chat messages received so far, in order. */
  get texts(): string[] {
    return this.events.flatMap((event) => (event.type === 'message' ? [event.text] : []));
  }

  /** Resolves with the first event (already received or still to come) that matches. */
  waitFor(matches: (event: ChatEvent) => boolean): Promise<ChatEvent> {
    return new Promise((resolve) => {
      const seen = this.events.find(matches);
      if (seen !== undefined) return resolve(seen);
      const onEvent = (event: ChatEvent) => {
        if (!matches(event)) return;
        this.arrived.off('event', onEvent);
        resolve(event);
      };
      this.arrived.on('event', onEvent);
    });
  }

  /** Resolves with the first chat message (already received or still to come) saying `text`. */
  waitForText(text: string): Promise<ChatEvent> {
    return this.waitFor((event) => event.type === 'message' && event.text === text);
  }

  /** Resolves once `count` chat messages have arrived, with their texts. */
  async waitForTexts(count: number): Promise<string[]> {
    await this.waitFor(() => this.texts.length >= count);
    return this.texts;
  }
}

/** Joins the chat at `wsUrl` (as `name`, if given) and resolves once the connection is open. */
export async function joinChat(
  wsUrl: string,
  name?: string,
  options: ClientOptions = {},
): Promise<ChatPeer> {
  const url = new URL(wsUrl);
  if (name !== undefined) url.searchParams.set('name', name);
  const peer = new ChatPeer(new WebSocket(url, options));
  await once(peer.socket, 'open');
  return peer;
}

/** Leaves politely and waits until the server has answered the close frame. */
export async function leave(peer: ChatPeer): Promise<void> {
  peer.socket.resume(); // a test may have paused it; a paused socket never sees the reply
  if (peer.socket.readyState === WebSocket.OPEN) peer.socket.close(1000, 'bye');
  await peer.closed;
}
