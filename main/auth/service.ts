/**
 * Local accounts, sign-in and sessions.
 *
 * - Passwords: scrypt (./password.ts).
 * - Lock-out: 5 failed sign-ins in a row lock the account for 15 minutes; while locked, no
 *   password is even checked. A successful sign-in resets the count.
 * - Sessions: 32 random bytes (base64url) handed to the client; the store keeps only their
 *   SHA-256. A session ends 12 h after sign-in, after 60 min without use, on sign-out, or
 *   when its account is disabled. The role is read from the account on every call, so a role
 *   change applies at once.
 * - First run: while no account exists, `createFirstAdmin` is the only way to create one.
 * - Every account change (create, update, disable, lock-out) and every sign-in is audited.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AuthStatus, SessionInfo, UserInfo, UserRole } from '@common/types';
import { userInfo, type Store, type UserRecord } from '../store';
import { AuthError } from './errors';
import {
  DEFAULT_SCRYPT,
  hashPassword,
  passwordProblem,
  verifyPassword,
  type ScryptParams,
} from './password';
import { requirePermission, type Actor } from './roles';

export interface AuthOptions {
  now?: () => Date;
  scrypt?: ScryptParams;
  maxFailures?: number;
  lockMinutes?: number;
  sessionHours?: number;
  idleMinutes?: number;
}

export interface NewUserInput {
  username: string;
  displayName: string;
  role: UserRole;
  password: string;
}

export interface UserUpdate {
  userId: string;
  displayName?: string;
  role?: UserRole;
  password?: string;
  /** true re-enables a disabled account (disabling is `disableUser`, which takes a reason). */
  enabled?: true;
  /** Needed when people change their own password without the users.manage permission. */
  currentPassword?: string;
}

const USERNAME = /^[A-Za-z0-9._@-]{1,64}$/;
const MINUTE = 60_000;

function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function checkUsername(username: string): void {
  if (!USERNAME.test(username)) {
    throw new AuthError(
      'invalid',
      'a user name has 1 to 64 letters, digits or . _ @ - (no spaces)',
    );
  }
}

function checkDisplayName(name: string): void {
  if (name.trim() === '' || name.length > 100) {
    throw new AuthError('invalid', 'a display name has 1 to 100 characters');
  }
}

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new AuthError('invalid', problem);
}

export class AuthService {
  private readonly now: () => Date;
  private readonly scrypt: ScryptParams;
  private readonly maxFailures: number;
  private readonly lockMs: number;
  private readonly sessionMs: number;
  private readonly idleMs: number;
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly store: Store,
    opts: AuthOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date());
    this.scrypt = opts.scrypt ?? DEFAULT_SCRYPT;
    this.maxFailures = opts.maxFailures ?? 5;
    this.lockMs = (opts.lockMinutes ?? 15) * MINUTE;
    this.sessionMs = (opts.sessionHours ?? 12) * 60 * MINUTE;
    this.idleMs = (opts.idleMinutes ?? 60) * MINUTE;
  }

  /** Whether the first administrator must be created, and who the session belongs to. */
  status(sessionToken?: string): AuthStatus {
    const firstRun = this.store.users.count() === 0;
    if (sessionToken === undefined) return { firstRun, user: null, sessionExpiresAt: null };
    try {
      const { user, expiresAt } = this.resolve(sessionToken);
      return { firstRun, user: userInfo(user), sessionExpiresAt: expiresAt };
    } catch (err) {
      if (err instanceof AuthError) return { firstRun, user: null, sessionExpiresAt: null };
      throw err;
    }
  }

  /** Creates the first account (an administrator) and signs it in; refused once any exists. */
  async createFirstAdmin(input: Omit<NewUserInput, 'role'>): Promise<SessionInfo> {
    checkUsername(input.username);
    checkDisplayName(input.displayName);
    checkPassword(input.password);
    const passwordHash = await hashPassword(input.password, this.scrypt);
    return this.store.write(() => {
      // Checked inside the write transaction: two first-run windows cannot both succeed.
      if (this.store.users.count() > 0) {
        throw new AuthError('conflict', 'an administrator already exists: sign in instead');
      }
      const at = this.nowIso();
      const user = this.store.users.create({ ...input, role: 'admin', passwordHash }, at);
      this.auditUser(input.username, 'user.create', user, null, this.describe(user));
      return this.startSession(user, at);
    });
  }

  async login(username: string, password: string): Promise<SessionInfo> {
    const invalid = new AuthError('invalid-credentials', 'wrong user name or password');
    const user = this.store.users.findByUsername(username);
    if (!user) {
      // Spend the same time as for a real account, so timing does not reveal which exist.
      await verifyPassword(password, await this.dummy());
      throw invalid;
    }
    this.refuseWhileLocked(user);
    const ok = await verifyPassword(password, user.passwordHash);
    if (!ok) {
      this.recordFailure(user);
      throw invalid;
    }
    if (user.disabled) throw new AuthError('disabled', `the account ${user.username} is disabled`);
    return this.store.write(() => {
      const at = this.nowIso();
      this.store.users.update(
        user.userId,
        { failedAttempts: 0, lockedUntil: null, lastLoginAt: at },
        at,
      );
      this.store.users.deleteExpiredSessions(at);
      const session = this.startSession(this.mustGet(user.userId), at);
      this.store.audit.append({
        user: user.username,
        action: 'user.login',
        entity: 'user',
        entityId: user.userId,
        newValue: { sessionExpiresAt: session.expiresAt },
        at,
      });
      return session;
    });
  }

  logout(sessionToken: string): void {
    this.store.users.deleteSession(tokenHash(sessionToken));
  }

  /**
   * The acting person for a call that changes data. With a token: its session's user (or an
   * error when invalid or expired). Without one: refused once any account exists; before
   * that, the local operator named `operatorName`.
   */
  actor(sessionToken: string | undefined, operatorName: string): Actor {
    if (sessionToken === undefined) {
      if (this.store.users.count() > 0) {
        throw new AuthError('unauthenticated', 'sign in first: this store has user accounts');
      }
      return { user: operatorName, role: 'local-operator', userId: null };
    }
    const { user } = this.resolve(sessionToken);
    return { user: user.username, role: user.role, userId: user.userId };
  }

  /** Re-authentication, e.g. before an electronic signature. */
  async confirmPassword(actor: Actor, password: string): Promise<void> {
    const user = actor.userId === null ? null : this.store.users.get(actor.userId);
    if (!user) throw new AuthError('forbidden', 'a signature needs a signed-in user account');
    this.refuseWhileLocked(user);
    if (!(await verifyPassword(password, user.passwordHash))) {
      this.recordFailure(user);
      throw new AuthError('invalid-credentials', 'wrong password');
    }
  }

  listUsers(actor: Actor): UserInfo[] {
    requirePermission(actor, 'users.manage');
    return this.store.users.list().map(userInfo);
  }

  async createUser(actor: Actor, input: NewUserInput): Promise<UserInfo> {
    requirePermission(actor, 'users.manage');
    checkUsername(input.username);
    checkDisplayName(input.displayName);
    checkPassword(input.password);
    const passwordHash = await hashPassword(input.password, this.scrypt);
    return this.store.write(() => {
      if (this.store.users.findByUsername(input.username)) {
        throw new AuthError('conflict', `the user name ${input.username} is taken`);
      }
      const user = this.store.users.create({ ...input, passwordHash }, this.nowIso());
      this.auditUser(actor.user, 'user.create', user, null, this.describe(user));
      return userInfo(user);
    });
  }

  async updateUser(actor: Actor, update: UserUpdate): Promise<UserInfo> {
    const self = actor.userId === update.userId;
    const admin = actor.role === 'admin';
    if (!admin) {
      // People may change their own display name and password, proving the current one.
      if (!self || update.role !== undefined || update.enabled !== undefined) {
        requirePermission(actor, 'users.manage');
      }
      const me = this.mustGet(update.userId);
      if (!(await verifyPassword(update.currentPassword ?? '', me.passwordHash))) {
        throw new AuthError('invalid-credentials', 'wrong current password');
      }
    }
    if (update.displayName !== undefined) checkDisplayName(update.displayName);
    if (update.password !== undefined) checkPassword(update.password);
    const passwordHash =
      update.password === undefined ? undefined : await hashPassword(update.password, this.scrypt);
    return this.store.write(() => {
      const before = this.mustGet(update.userId);
      if (before.role === 'admin' && update.role !== undefined && update.role !== 'admin') {
        this.refuseLastAdmin(before);
      }
      const at = this.nowIso();
      this.store.users.update(
        before.userId,
        {
          displayName: update.displayName,
          role: update.role,
          passwordHash,
          disabled: update.enabled ? false : undefined,
          failedAttempts: update.enabled || passwordHash ? 0 : undefined,
          lockedUntil: update.enabled || passwordHash ? null : undefined,
        },
        at,
      );
      const after = this.mustGet(before.userId);
      // A password reset by an administrator ends the account's sessions (roles are read live).
      if (passwordHash !== undefined && !self) this.store.users.deleteSessionsOf(after.userId);
      const oldValue = this.describe(before);
      const newValue = {
        ...this.describe(after),
        ...(passwordHash ? { password: 'changed' } : {}),
      };
      this.auditUser(actor.user, 'user.update', after, oldValue, newValue);
      return userInfo(after);
    });
  }

  disableUser(actor: Actor, userId: string, reason?: string): UserInfo {
    requirePermission(actor, 'users.manage');
    return this.store.write(() => {
      const before = this.mustGet(userId);
      if (before.disabled) return userInfo(before);
      if (before.role === 'admin') this.refuseLastAdmin(before);
      this.store.users.update(userId, { disabled: true }, this.nowIso());
      this.store.users.deleteSessionsOf(userId);
      const after = this.mustGet(userId);
      this.auditUser(
        actor.user,
        'user.disable',
        after,
        { disabled: false },
        { disabled: true },
        reason,
      );
      return userInfo(after);
    });
  }

  private resolve(sessionToken: string): { user: UserRecord; expiresAt: string } {
    const hash = tokenHash(sessionToken);
    const session = this.store.users.getSession(hash);
    const now = this.now().getTime();
    const expired = new AuthError('unauthenticated', 'the session has expired: sign in again');
    if (!session) throw expired;
    const idleUntil = Date.parse(session.lastSeenAt) + this.idleMs;
    if (Date.parse(session.expiresAt) <= now || idleUntil <= now) {
      this.store.users.deleteSession(hash);
      throw expired;
    }
    const user = this.store.users.get(session.userId);
    if (!user || user.disabled) {
      this.store.users.deleteSession(hash);
      throw new AuthError('unauthenticated', 'the account of this session is disabled');
    }
    this.store.users.touchSession(hash, this.nowIso());
    return { user, expiresAt: session.expiresAt };
  }

  private startSession(user: UserRecord, at: string): SessionInfo {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.parse(at) + this.sessionMs).toISOString();
    this.store.users.createSession({
      tokenHash: tokenHash(token),
      userId: user.userId,
      createdAt: at,
      expiresAt,
      lastSeenAt: at,
    });
    return { sessionToken: token, expiresAt, user: userInfo(user) };
  }

  private refuseWhileLocked(user: UserRecord): void {
    if (user.lockedUntil === null) return;
    const left = Date.parse(user.lockedUntil) - this.now().getTime();
    if (left > 0) {
      const minutes = Math.ceil(left / MINUTE);
      throw new AuthError(
        'locked',
        `too many failed sign-ins: the account is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}`,
      );
    }
  }

  private recordFailure(user: UserRecord): void {
    this.store.write(() => {
      const at = this.nowIso();
      const failures = this.store.users.recordFailure(user.userId, at);
      if (failures < this.maxFailures) return;
      const lockedUntil = new Date(this.now().getTime() + this.lockMs).toISOString();
      this.store.users.update(user.userId, { failedAttempts: 0, lockedUntil }, at);
      this.store.audit.append({
        user: 'system',
        action: 'user.lock',
        entity: 'user',
        entityId: user.userId,
        newValue: { username: user.username, lockedUntil, failedAttempts: failures },
        at,
      });
    });
  }

  private refuseLastAdmin(user: UserRecord): void {
    if (!user.disabled && this.store.users.countActiveAdmins() <= 1) {
      throw new AuthError('conflict', `${user.username} is the last administrator`);
    }
  }

  private mustGet(userId: string): UserRecord {
    const user = this.store.users.get(userId);
    if (!user) throw new AuthError('not-found', `no user ${userId}`);
    return user;
  }

  private describe(u: UserRecord): Record<string, unknown> {
    return { username: u.username, displayName: u.displayName, role: u.role, disabled: u.disabled };
  }

  private auditUser(
    by: string,
    action: string,
    user: UserRecord,
    oldValue: unknown,
    newValue: unknown,
    reason?: string,
  ): void {
    this.store.audit.append({
      user: by,
      action,
      entity: 'user',
      entityId: user.userId,
      oldValue,
      newValue,
      reason: reason ?? null,
      at: this.nowIso(),
    });
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'), this.scrypt);
    return this.dummyHash;
  }

  private nowIso(): string {
    return this.now().toISOString();
  }
}
