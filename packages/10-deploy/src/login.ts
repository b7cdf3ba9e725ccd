import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { chatPageScript, chatPageStyles, chooseName } from '@sockets/chat';
import { type Logger, requestUrl } from '@sockets/shared';
import { type Session, sessionCookie, setSessionCookie, verifySession } from './session.ts';

// The HTTP side: a login form, the chat page for whoever has a session, and
// nothing else. There is no user database: you are who you say you are, and
// if PASSPHRASE is set, only people who know it get in.

/** A login form is a name and a passphrase: a few hundred bytes. Anything bigger is refused. */
const MAX_FORM_BYTES = 2048;

export interface LoginOptions {
  sessionSecret: string;
  passphrase: string;
  sessionTtlMs: number;
  log: Logger;
}

const LOGIN_PAGE = readFileSync(new URL('./login.html', import.meta.url), 'utf8');

/** The session of a request (the page load, or the WebSocket handshake), or why there is none. */
export function sessionOf(request: IncomingMessage, secret: string): Session | string {
  return verifySession(sessionCookie(request.headers.cookie), secret);
}

// #region login
export function loginHandler(chatPage: string, options: LoginOptions) {
  const { log } = options;
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = requestUrl(request).pathname;
    const route = `${request.method} ${path}`;
    if (route === 'GET /' || route === 'HEAD /') {
      if (typeof sessionOf(request, options.sessionSecret) === 'string') {
        return redirect(response, '/login');
      }
      return html(response, chatPage);
    }
    // Lesson 07's browser module and stylesheet, which the chat page loads.
    // They are the same for everyone and hold no secret, so they need no session.
    for (const file of [chatPageScript, chatPageStyles]) {
      if (route === `GET ${file.path}` || route === `HEAD ${file.path}`) {
        return send(response, file.type, file.body);
      }
    }
    if (route === 'GET /login' || route === 'HEAD /login') {
      // The passphrase field shows only when there is a passphrase to type.
      const page = options.passphrase ? LOGIN_PAGE.replace(' hidden>', '>') : LOGIN_PAGE;
      return html(response, page);
    }
    if (route === 'POST /login') {
      const form = await readForm(request);
      if (form === undefined) return text(response, 413, 'a login form is a few hundred bytes\n');
      if (
        options.passphrase !== '' &&
        !samePassphrase(form.get('passphrase'), options.passphrase)
      ) {
        log.warn(`login refused: wrong passphrase from ${request.socket.remoteAddress}`);
        return text(response, 403, 'wrong passphrase\n');
      }
      const name = chooseName(form.get('name'), Math.floor(Math.random() * 1000));
      const session = { name, expires: Date.now() + options.sessionTtlMs };
      response.setHeader('Set-Cookie', setSessionCookie(session, options.sessionSecret));
      log.info(`${name} logged in`);
      return redirect(response, '/');
    }
    if (route === 'POST /logout') {
      response.setHeader(
        'Set-Cookie',
        'session=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict',
      );
      return redirect(response, '/login');
    }
    text(response, 404, `404 not found: ${request.method} ${path}\n`);
  };
}
// #endregion login

/**
 * Compares hashes, which always have the same length, with timingSafeEqual:
 * neither how long the comparison takes nor a length check tells a guesser
 * how close they came.
 */
function samePassphrase(given: string | null, expected: string): boolean {
  const hash = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(hash(given ?? ''), hash(expected));
}

/** The urlencoded form in the body, or undefined when it is too big to be a login. */
async function readForm(request: IncomingMessage): Promise<URLSearchParams | undefined> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString());
}

function html(response: ServerResponse, page: string): void {
  send(response, 'text/html; charset=utf-8', page);
}

function send(response: ServerResponse, type: string, body: string): void {
  response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  response.end(body);
}

function text(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
  response.end(body);
}

/** 303 See Other: after a POST, the browser GETs the new address. */
function redirect(response: ServerResponse, location: string): void {
  response.writeHead(303, { Location: location });
  response.end();
}
