import { loadExercise } from '@sockets/testkit';
import { describe, expect, it } from 'vitest';
import { signSession } from '../../src/session.ts';

const { SessionVersions, logIn, checkSession, LOGGED_OUT } = await loadExercise<
  typeof import('./solution.ts')
>(import.meta.url);

const SECRET = 'the server secret for this spec';
const HOUR = 3_600_000;

describe('log out everywhere', () => {
  it('lets a fresh login in, with version 0', () => {
    const versions = new SessionVersions();
    const cookie = logIn('ann', versions, SECRET, HOUR);
    expect(
      checkSession(cookie, versions, SECRET),
      'hint: a new user is at version 0',
    ).toMatchObject({
      name: 'ann',
      version: 0,
    });
  });

  it('refuses every cookie a user had once they log out everywhere', () => {
    const versions = new SessionVersions();
    const laptop = logIn('ann', versions, SECRET, HOUR);
    const phone = logIn('ann', versions, SECRET, HOUR);
    versions.logOutEverywhere('ann');
    expect(versions.current('ann'), 'hint: logOutEverywhere raises the version by one').toBe(1);
    for (const cookie of [laptop, phone]) {
      expect(checkSession(cookie, versions, SECRET), 'hint: an old version is refused').toBe(
        LOGGED_OUT,
      );
    }
  });

  it('lets the user log in again afterwards, and leaves everyone else logged in', () => {
    const versions = new SessionVersions();
    const bob = logIn('bob', versions, SECRET, HOUR);
    versions.logOutEverywhere('ann');
    versions.logOutEverywhere('ann');
    const again = logIn('ann', versions, SECRET, HOUR);
    expect(
      checkSession(again, versions, SECRET),
      'hint: a new login gets the new version',
    ).toMatchObject({
      name: 'ann',
      version: 2,
    });
    expect(checkSession(bob, versions, SECRET), 'hint: versions are per user').toMatchObject({
      name: 'bob',
    });
  });

  it('still checks the signature first: a cookie with a version edited in is forged', () => {
    const versions = new SessionVersions();
    versions.logOutEverywhere('ann');
    const forged = signSession(
      { name: 'ann', expires: Date.now() + HOUR, version: 1 } as never,
      'not our key',
    );
    expect(checkSession(forged, versions, SECRET), 'hint: verifySession comes first').toBe(
      'a session cookie with a bad signature',
    );
    const expired = logIn('ann', versions, SECRET, HOUR, Date.now() - 2 * HOUR);
    expect(checkSession(expired, versions, SECRET), 'hint: and so does the expiry').toBe(
      'a session that has expired: log in again',
    );
  });
});
