import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, migrations, schemaVersion } from '../../../main/store';

/** Migration 009: probe_runs.method may be 'pgd-nsr'; rows, STRICT, checks and index kept. */

describe('migration 009_probe_nsr', () => {
  it('upgrade from 008 keeps the runs and their checks, and accepts pgd-nsr', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, 8);
    db.exec(`
      INSERT INTO patients VALUES ('p1', '', 'rec 1', NULL, NULL, '2020-01-01T00:00:00Z');
      INSERT INTO recordings VALUES ('r1', 'p1', 'x/1.hea', '1', 'wfdb', 360, 1000, 2.78,
        '${'a'.repeat(64)}', NULL, '[]', 8192, '2020-01-01T00:00:00Z');
    `);
    const insert = (method: string, threshold = 0.01, beats = 10, fragile = 2): unknown =>
      db
        .prepare(
          `INSERT INTO probe_runs (recording_id, created_at, model_version, method, params,
             fragile_threshold, beats, fragile, seconds) VALUES ('r1', 'now', 'm', ?, '{"a":1}', ?, ?, ?, 1)`,
        )
        .run(method, threshold, beats, fragile);
    insert('pgd');
    insert('spsa');
    expect(() => insert('pgd-nsr')).toThrow(/CHECK/); // not before 009
    const before = db.prepare('SELECT * FROM probe_runs ORDER BY id').all();

    migrate(db, migrations, 9);
    expect(schemaVersion(db)).toBe(9);
    expect(db.prepare('SELECT * FROM probe_runs ORDER BY id').all()).toEqual(before);
    expect(
      db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'probe_runs'").get(),
    ).toEqual({ strict: 1 });
    expect(
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'probe_runs'")
        .pluck()
        .all(),
    ).toEqual(['probe_runs_by_recording']);
    insert('pgd-nsr', 0.025);
    expect(() => insert('fgsm')).toThrow(/CHECK/);
    expect(() => insert('pgd', 0)).toThrow(/CHECK/);
    expect(() => insert('pgd', 0.01, 1, 2)).toThrow(/CHECK/);
    // Still tied to its recording.
    db.prepare("DELETE FROM recordings WHERE id = 'r1'").run();
    expect(db.prepare('SELECT count(*) FROM probe_runs').pluck().get()).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
