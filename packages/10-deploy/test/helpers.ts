import { EventEmitter, once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChatEvent, parseEvent } from '@sockets/chat';
import { type ClientOptions, WebSocket } from 'ws';
import { loadTls, makeCertificates, type Tls } from '../src/cert.ts';

/** One CA and server certificate for a whole test file, in a temporary folder. */
export function testCertificates(): { dir: string; tls: Tls; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-certs-'));
  makeCertificates(dir);
  return { dir, tls: loadTls(dir), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One https request, trusting `ca`. */
export async function fetchHttps(
  url: string,
  ca: string,
  {
    method = 'GET',
    body,
    headers = {},
  }: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<HttpAnswer> {
  const req = request(url, { method, ca, headers });
  req.end(body);
  const [response] = await once(req, 'response');
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk);
  return {
    status: response.statusCode ?? 0,
    headers: response.headers,
    body: Buffer.concat(chunks).toString(),
  };
}

/** Logs in through the form and returns the `Cookie` header to send. */
export async function login(
  pageUrl: string,
  ca: string,
  name: string,
  passphrase = '',
): Promise<string> {
  const answer = await fetchHttps(new URL('/login', pageUrl).href, ca, {
    method: 'POST',
    body: new URLSearchParams({ name, passphrase }).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  const setCookie = answer.headers['set-cookie']?.[0];
  if (answer.status !== 303 || setCookie === undefined) {
    throw new Error(`login failed: ${answer.status} ${answer.body}`);
  }
  return setCookie.split(';')[0]!;
}

/** A ws client that keeps every chat event, so a test can wait for one instead of sleeping. */
export class Peer {
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

  get texts(): string[] {
    return this.events.flatMap((event) =>
      event.type === 'message' ? [`${event.from}: ${event.text}`] : [],
    );
  }

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

  waitForText(text: string): Promise<ChatEvent> {
    return this.waitFor((event) => event.type === 'message' && event.text === text);
  }

  async leave(): Promise<void> {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(1000, 'bye');
    if (this.socket.readyState !== WebSocket.CLOSED) await this.closed;
  }
}

/** Opens the chat's WebSocket and resolves once it is open; rejects with ws's error. */
export async function connect(wsUrl: string, options: ClientOptions): Promise<Peer> {
  const peer = new Peer(new WebSocket(wsUrl, options));
  await once(peer.socket, 'open');
  return peer;
}

/** What the server answered instead of 101: ws's 'unexpected-response' event. */
export async function refusedUpgrade(wsUrl: string, options: ClientOptions): Promise<HttpAnswer> {
  const socket = new WebSocket(wsUrl, options);
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    socket.once('unexpected-response', (_request, answer) => resolve(answer));
    socket.once('open', () => {
      socket.terminate();
      reject(new Error('the server upgraded the connection (101) where a refusal was expected'));
    });
  });
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk);
  return {
    status: response.statusCode ?? 0,
    headers: response.headers,
    body: Buffer.concat(chunks).toString(),
  };
}
