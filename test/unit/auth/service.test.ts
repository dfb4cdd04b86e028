import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthError, AuthService, type Actor } from '../../../main/auth';
import { openStore, type Store } from '../../../main/store';

const cheap = { N: 1024, r: 8, p: 1, keyLength: 32 };
const MIN = 60_000;

async function authError(p: Promise<unknown> | (() => unknown)): Promise<AuthError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    if (err instanceof AuthError) return err;
    throw err;
  }
  throw new Error('expected an AuthError');
}

describe('AuthService', () => {
  let store: Store;
  let clock: number;
  let auth: AuthService;
  beforeEach(() => {
    store = openStore(':memory:');
    clock = Date.parse('2025-03-01T08:00:00.000Z');
    auth = new AuthService(store, { now: () => new Date(clock), scrypt: cheap });
  });
  afterEach(() => store.close());

  const firstAdmin = () =>
    auth.createFirstAdmin({ username: 'root', displayName: 'Admin', password: 'admin-pass-1' });
  const adminActor = async (): Promise<Actor> => {
    const s = await firstAdmin();
    return auth.actor(s.sessionToken, 'os');
  };

  it('first run: status says so; the first admin is created once, signed in, audited', async () => {
    expect(auth.status()).toEqual({ firstRun: true, user: null, sessionExpiresAt: null });
    const s = await firstAdmin();
    expect(s.user).toMatchObject({ username: 'root', role: 'admin', disabled: false });
    expect(s.sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.expiresAt).toBe('2025-03-01T20:00:00.000Z');
    expect(auth.status(s.sessionToken)).toMatchObject({
      firstRun: false,
      user: { username: 'root' },
    });
    expect((await authError(firstAdmin())).kind).toBe('conflict');
    expect(store.users.count()).toBe(1);
    const audit = store.audit.list({ entity: 'user' });
    expect(audit.map((a) => [a.action, a.user])).toEqual([['user.create', 'root']]);
    expect(JSON.stringify(audit)).not.toMatch(/scrypt|admin-pass/);
  });

  it('the token is not stored; only its SHA-256', async () => {
    const s = await firstAdmin();
    const stored = store.db.prepare('SELECT token_hash FROM sessions').pluck().all();
    expect(stored).toHaveLength(1);
    expect(stored[0]).not.toBe(s.sessionToken);
    expect(stored[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('login: right password gives a session (audited); wrong ones and unknown users the same error', async () => {
    await firstAdmin();
    const s = await auth.login('ROOT', 'admin-pass-1');
    expect(s.user.username).toBe('root');
    expect(store.audit.list({ entity: 'user' }).at(-1)?.action).toBe('user.login');
    const wrong = await authError(auth.login('root', 'nope-nope'));
    const unknown = await authError(auth.login('ghost', 'nope-nope'));
    expect([wrong.kind, wrong.message]).toEqual([unknown.kind, unknown.message]);
    expect(wrong.kind).toBe('invalid-credentials');
  });

  it('5 failed sign-ins lock the account for 15 minutes, even for the right password; audited', async () => {
    await firstAdmin();
    for (let i = 0; i < 4; i++) await authError(auth.login('root', `wrong-${i}-xx`));
    expect(store.users.findByUsername('root')?.lockedUntil).toBeNull();
    expect((await authError(auth.login('root', 'wrong-5-xxx'))).kind).toBe('invalid-credentials');
    const locked = store.users.findByUsername('root');
    expect(locked?.lockedUntil).toBe('2025-03-01T08:15:00.000Z');
    const e = await authError(auth.login('root', 'admin-pass-1'));
    expect(e.kind).toBe('locked');
    expect(e.message).toMatch(/15 more minutes/);
    expect(store.audit.list({ entity: 'user' }).map((a) => a.action)).toContain('user.lock');
    clock += 14 * MIN;
    expect((await authError(auth.login('root', 'admin-pass-1'))).kind).toBe('locked');
    clock += 1 * MIN;
    const s = await auth.login('root', 'admin-pass-1');
    expect(s.user.lockedUntil).toBeNull();
    // The count starts again from zero.
    for (let i = 0; i < 4; i++) await authError(auth.login('root', `wrong-${i}-xx`));
    await auth.login('root', 'admin-pass-1');
    expect(store.users.findByUsername('root')?.failedAttempts).toBe(0);
  });

  it('sessions end after 12 h, after 60 min idle, and on logout', async () => {
    const s = await firstAdmin();
    clock += 59 * MIN;
    expect(auth.actor(s.sessionToken, 'os').user).toBe('root');
    clock += 59 * MIN; // used 59 min ago: still alive
    expect(auth.actor(s.sessionToken, 'os').user).toBe('root');
    clock += 61 * MIN;
    expect((await authError(() => auth.actor(s.sessionToken, 'os'))).kind).toBe('unauthenticated');

    const t = await auth.login('root', 'admin-pass-1');
    for (let k = 0; k < 14; k++) {
      clock += 50 * MIN; // in use every 50 min: never idle
      auth.actor(t.sessionToken, 'os');
    }
    clock += 50 * MIN; // 12.5 h after sign-in
    expect((await authError(() => auth.actor(t.sessionToken, 'os'))).kind).toBe('unauthenticated');

    const u = await auth.login('root', 'admin-pass-1');
    auth.logout(u.sessionToken);
    expect(auth.status(u.sessionToken).user).toBeNull();
    expect((await authError(() => auth.actor('x'.repeat(43), 'os'))).kind).toBe('unauthenticated');
  });

  it('without a token: the local operator before any account exists, refused after', async () => {
    expect(auth.actor(undefined, 'osuser')).toEqual({
      user: 'osuser',
      role: 'local-operator',
      userId: null,
    });
    await firstAdmin();
    expect((await authError(() => auth.actor(undefined, 'osuser'))).kind).toBe('unauthenticated');
  });

  it('admins create, update and disable users; each change audited; others may not', async () => {
    const admin = await adminActor();
    const ann = await auth.createUser(admin, {
      username: 'ann',
      displayName: 'Ann',
      role: 'annotator',
      password: 'annotator-1',
    });
    expect(auth.listUsers(admin).map((u) => [u.username, u.role])).toEqual([
      ['ann', 'annotator'],
      ['root', 'admin'],
    ]);
    expect(JSON.stringify(auth.listUsers(admin))).not.toMatch(/scrypt/);
    const annSession = await auth.login('ann', 'annotator-1');
    const annActor = auth.actor(annSession.sessionToken, 'os');
    expect((await authError(() => auth.listUsers(annActor))).kind).toBe('forbidden');
    expect(
      (
        await authError(
          auth.createUser(annActor, {
            username: 'x',
            displayName: 'X',
            role: 'admin',
            password: 'password-1',
          }),
        )
      ).kind,
    ).toBe('forbidden');
    expect(
      (
        await authError(
          auth.createUser(admin, {
            username: 'ANN',
            displayName: 'A',
            role: 'annotator',
            password: 'password-1',
          }),
        )
      ).kind,
    ).toBe('conflict');
    expect(
      (
        await authError(
          auth.createUser(admin, {
            username: 'bad name',
            displayName: 'A',
            role: 'annotator',
            password: 'password-1',
          }),
        )
      ).kind,
    ).toBe('invalid');
    expect(
      (
        await authError(
          auth.createUser(admin, {
            username: 'bob',
            displayName: 'B',
            role: 'annotator',
            password: 'short',
          }),
        )
      ).kind,
    ).toBe('invalid');

    const promoted = await auth.updateUser(admin, { userId: ann.userId, role: 'cardiologist' });
    expect(promoted.role).toBe('cardiologist');
    // Roles are read per call: the open session is a cardiologist now.
    expect(auth.actor(annSession.sessionToken, 'os').role).toBe('cardiologist');

    const disabled = auth.disableUser(admin, ann.userId, 'left the clinic');
    expect(disabled.disabled).toBe(true);
    expect((await authError(() => auth.actor(annSession.sessionToken, 'os'))).kind).toBe(
      'unauthenticated',
    );
    expect((await authError(auth.login('ann', 'annotator-1'))).kind).toBe('disabled');
    await auth.updateUser(admin, { userId: ann.userId, enabled: true });
    expect((await auth.login('ann', 'annotator-1')).user.disabled).toBe(false);

    const actions = store.audit.list({ entity: 'user', entityId: ann.userId });
    expect(actions.map((a) => a.action)).toEqual([
      'user.create',
      'user.login',
      'user.update',
      'user.disable',
      'user.update',
      'user.login',
    ]);
    const disable = actions[3];
    expect(disable).toMatchObject({
      user: 'root',
      oldValue: { disabled: false },
      newValue: { disabled: true },
      reason: 'left the clinic',
    });
    expect(actions[2]).toMatchObject({
      oldValue: { role: 'annotator' },
      newValue: { role: 'cardiologist' },
    });
  });

  it('people change their own password with the current one; an admin reset ends their sessions', async () => {
    const admin = await adminActor();
    const ann = await auth.createUser(admin, {
      username: 'ann',
      displayName: 'Ann',
      role: 'annotator',
      password: 'annotator-1',
    });
    const me = auth.actor((await auth.login('ann', 'annotator-1')).sessionToken, 'os');
    expect(
      (
        await authError(
          auth.updateUser(me, {
            userId: ann.userId,
            password: 'new-password-1',
            currentPassword: 'wrong-one',
          }),
        )
      ).kind,
    ).toBe('invalid-credentials');
    expect(
      (
        await authError(
          auth.updateUser(me, {
            userId: ann.userId,
            role: 'admin',
            currentPassword: 'annotator-1',
          }),
        )
      ).kind,
    ).toBe('forbidden');
    await auth.updateUser(me, {
      userId: ann.userId,
      password: 'new-password-1',
      currentPassword: 'annotator-1',
    });
    const s = await auth.login('ann', 'new-password-1');
    await auth.updateUser(admin, { userId: ann.userId, password: 'reset-password-1' });
    expect(auth.status(s.sessionToken).user).toBeNull();
    const last = store.audit.list({ entity: 'user', entityId: ann.userId }).at(-1);
    expect(last?.newValue).toMatchObject({ password: 'changed' });
    expect(JSON.stringify(last)).not.toMatch(/reset-password/);
  });

  it('the last administrator cannot be disabled or demoted', async () => {
    const admin = await adminActor();
    const rootId = admin.userId ?? '';
    expect((await authError(() => auth.disableUser(admin, rootId))).kind).toBe('conflict');
    expect(
      (await authError(auth.updateUser(admin, { userId: rootId, role: 'annotator' }))).kind,
    ).toBe('conflict');
    await auth.createUser(admin, {
      username: 'root2',
      displayName: 'Second',
      role: 'admin',
      password: 'admin-pass-2',
    });
    expect(auth.disableUser(admin, rootId).disabled).toBe(true);
  });

  it('confirmPassword (before signing) checks the signed-in user’s password', async () => {
    const admin = await adminActor();
    await auth.confirmPassword(admin, 'admin-pass-1');
    expect((await authError(auth.confirmPassword(admin, 'nope-nope'))).kind).toBe(
      'invalid-credentials',
    );
    expect(
      (
        await authError(
          auth.confirmPassword({ user: 'op', role: 'local-operator', userId: null }, 'x'),
        )
      ).kind,
    ).toBe('forbidden');
  });
});
