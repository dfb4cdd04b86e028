import type Database from 'better-sqlite3';
import { nowIso } from '../sql-util';

interface Row {
  value: string;
  updated_at: string;
  updated_by: string;
}

export interface SettingValue<T> {
  value: T;
  updatedAt: string;
  updatedBy: string;
}

/**
 * Key/value settings stored as JSON. Callers validate what they read (a value written by a
 * newer version may not be one this version knows) and fall back to their default.
 */
export class SettingsRepo {
  private readonly getStmt: Database.Statement<[string], Row>;
  private readonly setStmt: Database.Statement;

  constructor(db: Database.Database) {
    this.getStmt = db.prepare('SELECT value, updated_at, updated_by FROM settings WHERE key = ?');
    this.setStmt = db.prepare(
      `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
         updated_by = excluded.updated_by`,
    );
  }

  get(key: string): SettingValue<unknown> | null {
    const r = this.getStmt.get(key);
    if (!r) return null;
    return {
      value: JSON.parse(r.value) as unknown,
      updatedAt: r.updated_at,
      updatedBy: r.updated_by,
    };
  }

  set(key: string, value: unknown, user: string): void {
    this.setStmt.run(key, JSON.stringify(value), nowIso(), user);
  }
}
