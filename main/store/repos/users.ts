import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { UserInfo, UserRole } from '@common/types';

interface UserDbRow {
  id: string;
  username: string;
  display_name: string;
  role: UserRole;
  password_hash: string;
  disabled: number;
  failed_attempts: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

/** A user with the fields only the auth service may see. */
export interface UserRecord extends UserInfo {
  passwordHash: string;
  failedAttempts: number;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: UserRole;
  passwordHash: string;
}

export interface SessionRecord {
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

function toRecord(r: UserDbRow): UserRecord {
  return {
    userId: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    disabled: r.disabled === 1,
    lockedUntil: r.locked_until,
    createdAt: r.created_at,
    lastLoginAt: r.last_login_at,
    passwordHash: r.password_hash,
    failedAttempts: r.failed_attempts,
  };
}

/** The public view of a user: never the password hash. */
export function userInfo(u: UserRecord): UserInfo {
  return {
    userId: u.userId,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    disabled: u.disabled,
    lockedUntil: u.lockedUntil,
    createdAt: u.createdAt,
    lastLoginAt: u.lastLoginAt,
  };
}

const SELECT = `SELECT id, username, display_name, role, password_hash, disabled, failed_attempts,
  locked_until, created_at, updated_at, last_login_at FROM users`;

/** Local accounts and their sessions. No policy here: main/auth decides who may do what. */
export class UsersRepo {
  private readonly countStmt: Database.Statement<[], { n: number }>;
  private readonly countAdminsStmt: Database.Statement<[], { n: number }>;
  private readonly byIdStmt: Database.Statement<[string], UserDbRow>;
  private readonly byNameStmt: Database.Statement<[string], UserDbRow>;
  private readonly allStmt: Database.Statement<[], UserDbRow>;
  private readonly insertStmt: Database.Statement<unknown[]>;
  private readonly db: Database.Database;

  constructor(db: Database.Database) {
    this.db = db;
    this.countStmt = db.prepare('SELECT count(*) AS n FROM users');
    this.countAdminsStmt = db.prepare(
      "SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0",
    );
    this.byIdStmt = db.prepare(`${SELECT} WHERE id = ?`);
    // The column is COLLATE NOCASE: "Alice" and "alice" are one account.
    this.byNameStmt = db.prepare(`${SELECT} WHERE username = ?`);
    this.allStmt = db.prepare(`${SELECT} ORDER BY username`);
    this.insertStmt = db.prepare(
      `INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  count(): number {
    return this.countStmt.get()?.n ?? 0;
  }

  /** Enabled administrators. */
  countActiveAdmins(): number {
    return this.countAdminsStmt.get()?.n ?? 0;
  }

  get(userId: string): UserRecord | null {
    const r = this.byIdStmt.get(userId);
    return r ? toRecord(r) : null;
  }

  findByUsername(username: string): UserRecord | null {
    const r = this.byNameStmt.get(username);
    return r ? toRecord(r) : null;
  }

  list(): UserRecord[] {
    return this.allStmt.all().map(toRecord);
  }

  create(u: NewUser, at: string): UserRecord {
    const id = randomUUID();
    this.insertStmt.run(id, u.username, u.displayName, u.role, u.passwordHash, at, at);
    const row = this.get(id);
    if (!row) throw new Error(`user ${id} vanished after insert`);
    return row;
  }

  /** Changes the given fields (those absent stay). */
  update(
    userId: string,
    fields: Partial<{
      displayName: string;
      role: UserRole;
      passwordHash: string;
      disabled: boolean;
      failedAttempts: number;
      lockedUntil: string | null;
      lastLoginAt: string;
    }>,
    at: string,
  ): void {
    const columns: Record<string, string | number | null> = {};
    if (fields.displayName !== undefined) columns.display_name = fields.displayName;
    if (fields.role !== undefined) columns.role = fields.role;
    if (fields.passwordHash !== undefined) columns.password_hash = fields.passwordHash;
    if (fields.disabled !== undefined) columns.disabled = fields.disabled ? 1 : 0;
    if (fields.failedAttempts !== undefined) columns.failed_attempts = fields.failedAttempts;
    if (fields.lockedUntil !== undefined) columns.locked_until = fields.lockedUntil;
    if (fields.lastLoginAt !== undefined) columns.last_login_at = fields.lastLoginAt;
    // Column names come from the fixed list above, never from input.
    const sets = Object.keys(columns).map((c) => `${c} = :${c}`);
    this.db
      .prepare(`UPDATE users SET ${[...sets, 'updated_at = :at'].join(', ')} WHERE id = :id`)
      .run({ ...columns, at, id: userId });
  }

  /** Counts one failed sign-in; returns the new count. */
  recordFailure(userId: string, at: string): number {
    const r = this.db
      .prepare<[string, string], { failed_attempts: number }>(
        `UPDATE users SET failed_attempts = failed_attempts + 1, updated_at = ?
         WHERE id = ? RETURNING failed_attempts`,
      )
      .get(at, userId);
    return r?.failed_attempts ?? 0;
  }

  createSession(s: SessionRecord): void {
    this.db
      .prepare(
        `INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(s.tokenHash, s.userId, s.createdAt, s.expiresAt, s.lastSeenAt);
  }

  getSession(tokenHash: string): SessionRecord | null {
    const r = this.db
      .prepare<
        [string],
        {
          token_hash: string;
          user_id: string;
          created_at: string;
          expires_at: string;
          last_seen_at: string;
        }
      >('SELECT * FROM sessions WHERE token_hash = ?')
      .get(tokenHash);
    return r
      ? {
          tokenHash: r.token_hash,
          userId: r.user_id,
          createdAt: r.created_at,
          expiresAt: r.expires_at,
          lastSeenAt: r.last_seen_at,
        }
      : null;
  }

  touchSession(tokenHash: string, at: string): void {
    this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(at, tokenHash);
  }

  deleteSession(tokenHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  deleteSessionsOf(userId: string): void {
    this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
  }

  /** Removes sessions that expired before `now` (ISO times compare as strings). */
  deleteExpiredSessions(now: string): number {
    return this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes;
  }
}
