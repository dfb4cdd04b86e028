import type Database from 'better-sqlite3';

/**
 * One schema step. `version` is the number in the file name (001, 002, …) and also the value
 * of `PRAGMA user_version` once the step has run. A step runs inside its own transaction.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
  /**
   * Run with foreign-key enforcement off, as SQLite's table-rebuild procedure requires when
   * other tables reference the rebuilt one (DROP TABLE would otherwise cascade). The runner
   * turns enforcement off outside the transaction (SQLite ignores the pragma inside one) and
   * refuses to commit unless `PRAGMA foreign_key_check` finds nothing.
   */
  foreignKeysOff?: boolean;
}
