import type Database from 'better-sqlite3';
import { migrations as allMigrations, type Migration } from './migrations';

export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `the store has schema version ${found} but this ECG Desk knows only up to ${known}; ` +
        'use a newer ECG Desk',
    );
    this.name = 'SchemaTooNewError';
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to `target` (default: the newest known). Each step runs in its own
 * IMMEDIATE transaction together with its `schema_migrations` row and `user_version`, so a
 * failing step leaves the store at the previous version. Returns the versions applied.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = allMigrations,
  target: number = migrations.length === 0 ? 0 : migrations[migrations.length - 1].version,
): number[] {
  checkOrder(migrations);
  const known = migrations.length === 0 ? 0 : migrations[migrations.length - 1].version;
  const current = schemaVersion(db);
  if (current > known) throw new SchemaTooNewError(current, known);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const applied: number[] = [];
  for (const step of migrations) {
    if (step.version <= schemaVersion(db) || step.version > target) continue;
    db.transaction(() => {
      step.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        step.version,
        step.name,
        new Date().toISOString(),
      );
      db.pragma(`user_version = ${step.version}`);
    }).immediate();
    applied.push(step.version);
  }
  return applied;
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`migration "${m.name}" has version ${m.version}, expected ${i + 1}`);
    }
  });
}
