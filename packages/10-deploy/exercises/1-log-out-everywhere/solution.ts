// Exercise 10.1: log out everywhere.
//
// A signed session cookie cannot be taken back: the server keeps no list of
// sessions, so a cookie is good until it expires, even after its user pressed
// "log out" (which only deletes it in that one browser). The fix costs one
// number per user: a session version. Each login signs the user's current
// version into the cookie; "log out everywhere" raises it, and every cookie
// with an older version is refused from then on.

import { type Session, signSession, verifySession } from '../../src/session.ts';

export interface VersionedSession extends Session {
  version: number;
}

export const LOGGED_OUT = 'a session that was logged out everywhere';

export class SessionVersions {
  /** The current version of each user who ever logged out everywhere. */
  readonly versions = new Map<string, number>();

  /** The version a new login of `name` gets: 0 until they first log out everywhere. */
  current(name: string): number {
    return this.versions.get(name) ?? 0;
  }

  /** Every session of `name` signed before now stops working. */
  logOutEverywhere(name: string): void {
    this.versions.set(name, this.current(name) + 1);
  }

  /** Whether a session (its signature already checked) is of the user's current version. */
  isCurrent(session: VersionedSession): boolean {
    return session.version === this.current(session.name);
  }
}

/** A login: the cookie value for `name`, carrying their current version. */
export function logIn(
  name: string,
  versions: SessionVersions,
  secret: string,
  ttlMs: number,
  now = Date.now(),
): string {
  const session: VersionedSession = { name, expires: now + ttlMs, version: versions.current(name) };
  return signSession(session, secret);
}

/** The session in a cookie value, or why there is none. */
export function checkSession(
  value: string | undefined,
  versions: SessionVersions,
  secret: string,
  now = Date.now(),
): VersionedSession | string {
  const session = verifySession(value, secret, now);
  if (typeof session === 'string') return session;
  const versioned = session as VersionedSession;
  return versions.isCurrent(versioned) ? versioned : LOGGED_OUT;
}
