import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, migrations, schemaVersion } from '../../../main/store';

/** Migration 002: beats, beat_deletions, reviews, users, sessions. */

function strictTables(db: Database.Database): Record<string, number> {
  const rows = db
    .prepare<[], { name: string; strict: number }>(
      "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'",
    )
    .all();
  return Object.fromEntries(rows.map((r) => [r.name, r.strict]));
}

function columnNames(db: Database.Database, table: string): string[] {
  return db
    .prepare<[], { name: string }>(`PRAGMA table_info("${table}")`)
    .all()
    .map((c) => c.name);
}

function seedV1(db: Database.Database): void {
  db.exec(`
    INSERT INTO patients VALUES ('p1', '', 'rec 1', NULL, NULL, '2020-01-01T00:00:00Z');
    INSERT INTO recordings VALUES ('r1', 'p1', 'x/1.hea', '1', 'wfdb', 360, 1000, 2.78,
      '${'a'.repeat(64)}', NULL, '[]', 8192, '2020-01-01T00:00:00Z');
  `);
}

const beat = (
  sample: number,
  label: string,
  source: string,
  user: string | null,
  model: string | null,
  modelLabel: string | null,
) => [sample, label, source, user, model, modelLabel];

describe('migration 002_annotator', () => {
  it('fresh database: the new tables exist, STRICT, with the expected columns', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 2);
    expect(schemaVersion(db)).toBe(2);
    const strict = strictTables(db);
    for (const t of ['beats', 'beat_deletions', 'reviews', 'users', 'sessions']) {
      expect(strict[t], t).toBe(1);
    }
    expect(columnNames(db, 'beats')).toEqual([
      'recording_id',
      'sample',
      'label',
      'source',
      'user',
      'model_version',
      'model_label',
      'confidence',
      'probs',
      'fragile',
      'flip_epsilon',
      'updated_at',
    ]);
    expect(columnNames(db, 'reviews')).toContain('meaning');
    expect(columnNames(db, 'sessions')).toContain('token_hash');
    db.close();
  });

  it('upgrade from version 1 keeps the data and adds the tables', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, 1);
    seedV1(db);
    expect(migrate(db, migrations, 2)).toEqual([2]);
    expect(db.prepare('SELECT id FROM recordings').pluck().all()).toEqual(['r1']);
    expect(db.prepare('SELECT count(*) FROM beats').pluck().get()).toBe(0);
    db.close();
  });

  it('the constraints refuse what the store must never hold', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, 2);
    seedV1(db);
    const insert = db.prepare(
      `INSERT INTO beats (recording_id, sample, label, source, user, model_version, model_label,
         updated_at) VALUES ('r1', ?, ?, ?, ?, ?, ?, 'now')`,
    );
    insert.run(...beat(10, 'N', 'model', null, 'm@1', 'N'));
    insert.run(...beat(20, 'V', 'user', 'alice', 'm@1', 'N'));
    insert.run(...beat(30, 'S', 'reference', null, null, null));
    expect(() => insert.run(...beat(40, 'X', 'user', 'a', null, null))).toThrow(/CHECK/);
    expect(() => insert.run(...beat(41, 'N', 'robot', null, null, null))).toThrow(/CHECK/);
    expect(() => insert.run(...beat(42, 'N', 'user', null, null, null))).toThrow(/CHECK/);
    expect(() => insert.run(...beat(43, 'N', 'model', null, null, null))).toThrow(/CHECK/);
    expect(() => insert.run(...beat(44, 'N', 'model', null, 'm@1', 'V'))).toThrow(/CHECK/);
    expect(() => insert.run(...beat(10, 'V', 'user', 'a', null, null))).toThrow(/UNIQUE|PRIMARY/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO beats (recording_id, sample, label, source, updated_at) VALUES ('zz', 1, 'N', 'reference', 'now')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO reviews (recording_id, status, updated_at) VALUES ('r1', 'signed', 'now')",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});
