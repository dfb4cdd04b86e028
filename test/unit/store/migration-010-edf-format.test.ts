import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, migrations, schemaVersion } from '../../../main/store';

/**
 * Migration 010: recordings.format may be 'edf'. The recordings table is rebuilt while seven
 * tables reference it: every row of every table must survive, and the references must still
 * hold (and cascade) afterwards.
 */
describe('migration 010_edf_format', () => {
  const sha = (c: string) => c.repeat(64);

  function storeAt9(): Database.Database {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, 9);
    db.exec(`
      INSERT INTO patients VALUES ('p1', '', 'rec 1', NULL, NULL, '2020-01-01T00:00:00Z');
      INSERT INTO recordings VALUES
        ('r1', 'p1', 'x/1.hea', '1', 'wfdb', 360, 1000, 2.78, '${sha('a')}', NULL, '[]', 8192, 't'),
        ('r2', 'p1', 'x/2.xml', '2', 'dicom', 500, 5000, 10, '${sha('b')}', NULL, '["c"]', 8192, 't');
      INSERT INTO leads VALUES ('r1', 0, 'MLII', 'mV', 200, 1024, 11, 1, 'int16'),
                               ('r2', 0, 'I', 'uV', 1, 0, 16, 0.001, 'int16');
      INSERT INTO signal_chunks VALUES ('r1', 0, 0, x'0102'), ('r2', 0, 0, x'0304');
      INSERT INTO annotations (recording_id, source, sample, symbol) VALUES ('r1', 'atr', 10, 'N');
      INSERT INTO beats (recording_id, sample, label, source, updated_at)
        VALUES ('r1', 10, 'N', 'reference', 't'), ('r2', 20, 'V', 'reference', 't');
      INSERT INTO beat_deletions VALUES ('r1', 30, 'alice', 't');
      INSERT INTO reviews (recording_id, status, updated_at) VALUES ('r1', 'in_review', 't');
      INSERT INTO probe_runs (recording_id, created_at, model_version, method, params,
        fragile_threshold, beats, fragile, seconds) VALUES ('r1', 't', 'm', 'pgd', '{}', 0.01, 1, 0, 1);
    `);
    return db;
  }

  const tables = (db: Database.Database): string[] =>
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all() as string[];
  const snapshot = (db: Database.Database) =>
    Object.fromEntries(tables(db).map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).all()]));

  it('keeps every row of every table, accepts edf, and the references still cascade', () => {
    const db = storeAt9();
    const insertEdf = () =>
      db.exec(`INSERT INTO recordings VALUES ('r3', 'p1', 'y.edf', 'y', 'edf', 200, 10, 0.05,
        '${sha('c')}', NULL, '[]', 8192, 't')`);
    expect(insertEdf).toThrow(/CHECK/); // not before 010
    const before = snapshot(db);

    expect(migrate(db)).toEqual([10]);
    expect(schemaVersion(db)).toBe(10);
    const after = snapshot(db);
    delete (after as Record<string, unknown>).schema_migrations;
    delete (before as Record<string, unknown>).schema_migrations;
    expect(after).toEqual(before);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1); // enforcement is back on
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(
      db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'recordings'").get(),
    ).toEqual({ strict: 1 });
    expect(
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'recordings' AND sql IS NOT NULL",
        )
        .pluck()
        .all(),
    ).toEqual(['recordings_patient']);

    insertEdf();
    expect(() =>
      db.exec(`INSERT INTO recordings VALUES ('r4', 'p1', 'z', 'z', 'edf+', 200, 10, 0.05,
        '${sha('d')}', NULL, '[]', 8192, 't')`),
    ).toThrow(/CHECK/);
    expect(() =>
      db.exec(`INSERT INTO recordings VALUES ('r5', 'nobody', 'z', 'z', 'edf', 200, 10, 0.05,
        '${sha('e')}', NULL, '[]', 8192, 't')`),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.exec(
        "INSERT INTO beats (recording_id, sample, label, source, updated_at) VALUES ('zz', 1, 'N', 'reference', 't')",
      ),
    ).toThrow(/FOREIGN KEY/);

    db.exec("DELETE FROM recordings WHERE id = 'r1'");
    for (const t of [
      'leads',
      'signal_chunks',
      'annotations',
      'beats',
      'beat_deletions',
      'reviews',
      'probe_runs',
    ]) {
      expect(
        db.prepare(`SELECT count(*) FROM ${t} WHERE recording_id = 'r1'`).pluck().get(),
        t,
      ).toBe(0);
    }
    expect(db.prepare("SELECT count(*) FROM beats WHERE recording_id = 'r2'").pluck().get()).toBe(
      1,
    );
  });

  it('a rebuild that would break a reference is rolled back whole, enforcement restored', () => {
    const db = storeAt9();
    db.pragma('foreign_keys = OFF');
    db.exec("INSERT INTO leads VALUES ('ghost', 0, 'I', 'mV', 200, 0, 12, 1, 'int16')");
    db.pragma('foreign_keys = ON');
    const before = snapshot(db);
    expect(() => migrate(db)).toThrow(/migration "edf_format" would leave 1 broken foreign keys/);
    expect(schemaVersion(db)).toBe(9);
    expect(snapshot(db)).toEqual(before);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
