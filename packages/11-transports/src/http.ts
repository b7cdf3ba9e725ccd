import type { ServerResponse } from 'node:http';
import { quote } from '@sockets/shared';

// The small pieces of HTTP every transport shares.

/** Bad input from a client: answered 400 with this message, never thrown further. */
export class BadRequest extends Error {}

/**
 * A tick number from a client (`?after=12`, `Last-Event-ID: 12`): absent is
 * undefined, anything but a whole number is a 400 that says what was wrong.
 */
export function tickNumber(name: string, value: string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value)) {
    throw new BadRequest(`${name} must be a tick number (0, 1, 2 …), got ${quote(value)}`);
  }
  return Number(value);
}

/**
 * The header of every 503 here (a long poll, a stream or a WebSocket too
 * many): RFC 9110 §15.6.4, 503 is temporary, and Retry-After (§10.2.3) says
 * when to come back. The page and the clients wait that long and ask again.
 */
export const RETRY_AFTER = { 'Retry-After': '1' } as const;

/** A JSON answer that no cache keeps: the next poll must reach the server. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
  });
  response.end(json);
}

/** An answer with no body (204 No Content, 503 …), with extra headers if any. */
export function sendEmpty(
  response: ServerResponse,
  status: number,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
  response.end();
}

export function sendText(response: ServerResponse, status: number, text: string): void {
  const body = `${status} ${text}\n`;
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}
