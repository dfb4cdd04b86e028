import type Database from 'better-sqlite3';

/**
 * One schema step. `version` is the number in the file name (001, 002, …) and also the value
 * of `PRAGMA user_version` once the step has run. A step runs inside its own transaction.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}
