import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parseCookie, stringifySetCookie } from 'cookie';

// A session is a cookie the server can check without remembering anything:
// `<payload>.<signature>`, where the payload says who you are and until when,
// and the signature is an HMAC of it (RFC 2104) with a key only the server
// has. Change one character of the payload and the signature no longer
// matches, so nobody can make themselves a cookie saying "I am ann".
// The payload is readable by whoever holds the cookie: never put a secret in it.

export const SESSION_COOKIE = 'session';

export interface Session {
  name: string;
  /** When the session ends, in ms since 1970. */
  expires: number;
}

/** 32 random bytes: as long as SHA-256's output, the key length RFC 2104 §3 recommends. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

function signature(payload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

// #region sign
export function signSession(session: Session, secret: string): string {
  const payload = Buffer.from(JSON.stringify(session)).toString('base64url');
  return `${payload}.${signature(payload, secret).toString('base64url')}`;
}

/**
 * The session in a cookie value, or why there is none. The signature is
 * compared with timingSafeEqual: an ordinary comparison stops at the first
 * byte that differs, and how long it took would tell an attacker, byte by
 * byte, how much of a forged signature is right.
 */
export function verifySession(
  value: string | undefined,
  secret: string,
  now = Date.now(),
): Session | string {
  if (value === undefined || value === '') return 'no session cookie: log in first';
  const [payload, signed, extra] = value.split('.');
  if (payload === undefined || signed === undefined || extra !== undefined) {
    return 'a session cookie that is not <payload>.<signature>';
  }
  const expected = signature(payload, secret);
  const given = Buffer.from(signed, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return 'a session cookie with a bad signature';
  }
  // Signed by us, so the JSON is ours: no need to guard against anything but expiry.
  const session = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Session;
  if (session.expires <= now) return 'a session that has expired: log in again';
  return session;
}
// #endregion sign

/** The session cookie's value from a request's Cookie header. */
export function sessionCookie(cookieHeader: string | undefined): string | undefined {
  return cookieHeader === undefined ? undefined : parseCookie(cookieHeader)[SESSION_COOKIE];
}

// #region set-cookie
/**
 * HttpOnly: the page's JavaScript cannot read it, so an injected script
 * cannot steal it. Secure: sent over https only, never in the clear.
 * SameSite=Strict: not sent at all on a request another site started, which
 * is a second wall (after the Origin check) against cross-site WebSocket
 * hijacking. Browsers send cookies with the WebSocket handshake like with
 * any request to the site, which is why the upgrade handler can read it.
 */
export function setSessionCookie(session: Session, secret: string): string {
  return stringifySetCookie({
    name: SESSION_COOKIE,
    value: signSession(session, secret),
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    path: '/',
    expires: new Date(session.expires),
  });
}
// #endregion set-cookie
