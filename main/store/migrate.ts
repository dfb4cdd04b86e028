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
 * failing step leaves the store at the previous version (a table rebuild marked
 * `foreignKeysOff` runs with enforcement off and is checked before it commits). Returns the
 * versions applied.
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
    withForeignKeysOff(db, step.foreignKeysOff === true, () =>
      db
        .transaction(() => {
          step.up(db);
          if (step.foreignKeysOff) checkForeignKeys(db, step);
          db.prepare(
            'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
          ).run(step.version, step.name, new Date().toISOString());
          db.pragma(`user_version = ${step.version}`);
        })
        .immediate(),
    );
    applied.push(step.version);
  }
  return applied;
}

/** Runs `fn` with foreign-key enforcement off when `off`, restoring the setting after. */
function withForeignKeysOff(db: Database.Database, off: boolean, fn: () => void): void {
  const wasOn = db.pragma('foreign_keys', { simple: true }) === 1;
  if (off && wasOn) db.pragma('foreign_keys = OFF');
  try {
    fn();
  } finally {
    if (off && wasOn) db.pragma('foreign_keys = ON');
  }
}

function checkForeignKeys(db: Database.Database, step: Migration): void {
  const broken = db.pragma('foreign_key_check') as unknown[];
  if (broken.length > 0) {
    throw new Error(`migration "${step.name}" would leave ${broken.length} broken foreign keys`);
  }
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`migration "${m.name}" has version ${m.version}, expected ${i + 1}`);
    }
  });
}
