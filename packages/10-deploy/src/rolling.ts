import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { type ConnectionState, ReconnectingChat, type ScaleEvent } from '@sockets/scale';
import { type Logger, quote } from '@sockets/shared';
import { certificateFiles } from './cert.ts';
import type { Deployment } from './deployment.ts';
import { POLICY_VIOLATION } from './limits.ts';

// `pnpm lesson deploy rolling`: restart both Node processes, one after the
// other, while a scripted user (ann) chats through nginx and another (bob)
// listens, and say what each of them saw.
// What makes the restarts go unnoticed:
// - each process, on SIGTERM, stops accepting and sends 1012 Service Restart;
// - the client comes back (after a short random delay) through nginx, which
//   sends it to the process that is still up;
// - it comes back with `?since=<the last id it saw>`, and lesson 09's hub
//   sends what was said meanwhile from Redis's history;
// - what it had sent but never saw come back, it sends again once the
//   history is in (the `welcome` comes after it), and a message it sees
//   twice is counted once: each carries its number.

export interface RollingOptions {
  /** How many messages the user says, one every `intervalMs`. */
  count: number;
  intervalMs: number;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  log: Logger;
}

export interface RollingReport {
  /** Who saw it: the speaker (its own messages back) or the listener. */
  name: string;
  sent: number;
  /** Different messages of ours that came back. */
  seen: number;
  inOrder: boolean;
  duplicates: number;
  resent: number;
  /** The close code and reason of each connection the server ended. */
  drops: string[];
}

const SPEAKER = 'ann';
const LISTENER = 'bob';

// #region rolling
export async function rollingRestart(
  deployment: Deployment,
  certDir: string,
  options: RollingOptions,
): Promise<RollingReport[]> {
  const { log } = options;
  const ca = readFileSync(certificateFiles(certDir).caPath, 'utf8');
  const join = async (name: string) => {
    const user = new User(
      name,
      deployment.url,
      { ca, cookie: await logIn(deployment.pageUrl, ca, name) },
      options,
    );
    await user.connected();
    return user;
  };
  const ann = await join(SPEAKER);
  const bob = await join(LISTENER);
  log.info(
    `${SPEAKER} says a numbered message every ${options.intervalMs} ms through nginx; ${LISTENER} listens`,
  );

  const talking = ann.say(options.count);
  for (const index of [0, 1]) {
    // Let a few messages go by on the process about to restart.
    await ann.seenAtLeast(Math.min(options.count, ann.seenCount + 3));
    await deployment.restart(index);
  }
  await talking;
  const reports: RollingReport[] = [];
  for (const user of [ann, bob]) {
    await user.allSeen(ann.said);
    await user.close();
    const report = user.report(ann.said);
    log.info(
      `${report.name} saw ${report.seen} of ${report.sent} messages, ${report.inOrder ? 'in order' : 'OUT OF ORDER'}, ${report.duplicates} twice (counted once); ${report.drops.length} drops (${report.drops.join(', ')}); ${report.resent} sent again after a drop`,
    );
    reports.push(report);
  }
  return reports;
}
// #endregion rolling

/** The login form, as a browser would post it; returns the cookie. */
async function logIn(pageUrl: string, ca: string, name: string): Promise<string> {
  const req = request(new URL('/login', pageUrl), {
    method: 'POST',
    ca,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  req.end(`name=${name}`);
  const [response] = await once(req, 'response');
  response.resume();
  const cookie = response.headers['set-cookie']?.[0]?.split(';')[0];
  if (cookie === undefined) throw new Error(`login failed: ${response.statusCode}`);
  return cookie;
}

/**
 * A scripted user on lesson 09's ReconnectingChat (the CA and the session
 * cookie go in its ws options): says numbered messages, and keeps count of the
 * speaker's that arrive.
 */
class User {
  readonly #chat: ReconnectingChat;
  readonly #options: RollingOptions;
  /** The current connection has had its welcome, which lesson 09's hub sends after the history. */
  #welcomed = false;
  /** The last connection dropped: the next welcome is a return. */
  #returning = false;
  /** Closed by us, or by the server for good. */
  #ended = false;
  said = 0;
  /** Said, waiting for a connection to be sent on. */
  readonly #outbox: number[] = [];
  /** Sent on the current connection, not yet seen come back. */
  readonly #unconfirmed = new Set<number>();
  readonly #everSent = new Set<number>();
  /** Our messages in the order they came back, repeats included. */
  readonly #seen: number[] = [];
  #resent = 0;
  readonly #drops: string[] = [];
  readonly #changed = new EventTarget();

  constructor(
    readonly name: string,
    wsUrl: string,
    tls: { ca: string; cookie: string },
    options: RollingOptions,
  ) {
    this.#options = options;
    this.#chat = new ReconnectingChat({
      urls: [wsUrl],
      name: '', // the session cookie names us
      reconnectMinMs: options.reconnectMinMs,
      reconnectMaxMs: options.reconnectMaxMs,
      wsOptions: { ca: tls.ca, headers: { Cookie: tls.cookie } },
      // The server meant it (too fast): coming back would only be closed again.
      finalCodes: [POLICY_VIOLATION],
    });
    this.#chat.on('event', (event) => this.#onEvent(event));
    this.#chat.on('state', (state) => this.#onState(state));
  }

  get seenCount(): number {
    return new Set(this.#seen).size;
  }

  #onState(state: ConnectionState): void {
    if (state.state === 'connected') return; // ready once welcomed
    const { code, reason } = state;
    if (state.state === 'closed') {
      this.#options.log.warn(
        `${this.name} closed by the server (${code} ${quote(reason)}): not reconnecting`,
      );
      this.#drops.push(`${code} ${quote(reason)}`);
      this.#ended = true;
      this.#changed.dispatchEvent(new Event('change'));
      return;
    }
    if (this.#welcomed) this.#drops.push(`${code} ${quote(reason)}`);
    this.#welcomed = false;
    this.#returning = true;
    const since = this.#chat.lastId;
    this.#options.log.info(
      `${this.name}'s connection closed (${code}${reason ? ` ${quote(reason)}` : ''}); reconnecting in ${state.inMs} ms${since ? ` with ?since=${since}` : ''}`,
    );
    // Sent, but not seen come back: the old process may have dropped it. The
    // history may still have it; if not, it goes again after the welcome.
    this.#outbox.unshift(...this.#unconfirmed);
    this.#unconfirmed.clear();
  }

  #onEvent(event: ScaleEvent): void {
    if (event.type === 'welcome') {
      if (this.#returning) this.#options.log.info(`${event.name} is back through nginx`);
      this.#returning = false;
      this.#welcomed = true;
      this.#flush();
      this.#changed.dispatchEvent(new Event('change'));
      return;
    }
    if (event.type !== 'message') return;
    const number = Number(/^message (\d+)$/.exec(event.text)?.[1]);
    if (event.from !== SPEAKER || Number.isNaN(number)) return;
    this.#seen.push(number);
    this.#unconfirmed.delete(number);
    const waiting = this.#outbox.indexOf(number);
    if (waiting !== -1) this.#outbox.splice(waiting, 1); // the history had it: no need to resend
    this.#changed.dispatchEvent(new Event('change'));
  }

  #flush(): void {
    if (!this.#welcomed) return;
    for (const number of this.#outbox.splice(0)) {
      if (this.#everSent.has(number)) this.#resent += 1;
      this.#chat.send(`message ${number}`);
      this.#everSent.add(number);
      this.#unconfirmed.add(number);
    }
  }

  /** Resolves once the first connection has been welcomed. */
  async connected(): Promise<void> {
    await this.#chat.opened;
    await this.#until(() => this.#welcomed);
  }

  /** Says `count` messages, one every intervalMs, connected or not. */
  async say(count: number): Promise<void> {
    for (let number = 1; number <= count; number++) {
      this.said = number;
      this.#outbox.push(number);
      this.#flush();
      await new Promise((resolve) => setTimeout(resolve, this.#options.intervalMs));
    }
  }

  seenAtLeast(count: number): Promise<void> {
    return this.#until(() => this.seenCount >= count);
  }

  /** Resolves when all `count` have arrived, or the server has ended it for good. */
  allSeen(count: number): Promise<void> {
    return this.#until(() => this.seenCount >= count || this.#ended);
  }

  #until(condition: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      if (condition()) return resolve();
      const check = () => {
        if (!condition()) return;
        this.#changed.removeEventListener('change', check);
        resolve();
      };
      this.#changed.addEventListener('change', check);
    });
  }

  async close(): Promise<void> {
    this.#ended = true;
    await this.#chat.close(1000, 'done');
  }

  report(sent: number): RollingReport {
    const seen = this.#seen;
    const firsts = seen.filter((number, index) => seen.indexOf(number) === index);
    return {
      name: this.name,
      sent,
      seen: firsts.length,
      inOrder: firsts.every((number, index) => index === 0 || number > firsts[index - 1]!),
      duplicates: seen.length - firsts.length,
      resent: this.#resent,
      drops: this.#drops,
    };
  }
}
