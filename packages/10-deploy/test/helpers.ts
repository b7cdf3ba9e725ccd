import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChatPeer, joinChat } from '@sockets/chat/testing';
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

/**
 * Opens the chat's WebSocket (with the session's cookie in `options.headers`:
 * the name comes from it, not from `?name=`) and resolves once it is open.
 */
export function connect(wsUrl: string, options: ClientOptions): Promise<ChatPeer> {
  return joinChat(wsUrl, undefined, options);
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
