import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, migrations, openStore, schemaVersion } from '../../../main/store';

/** Migration 005: model_versions and active_model. */

describe('migration 005_model_versions', () => {
  it('fresh database: both tables exist and are STRICT', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 5);
    expect(schemaVersion(db)).toBe(5);
    for (const name of ['model_versions', 'active_model']) {
      const t = db
        .prepare<[string], { strict: number }>(
          'SELECT strict FROM pragma_table_list WHERE name = ?',
        )
        .get(name);
      expect(t?.strict).toBe(1);
    }
  });

  it('upgrade from 004 keeps the data; status, JSON, uniqueness and the one active row are checked', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, 4);
    db.exec("INSERT INTO patients VALUES ('p1', '', 'rec 1', NULL, NULL, '2020-01-01T00:00:00Z')");
    migrate(db, migrations, 5);
    expect(db.prepare('SELECT count(*) AS n FROM patients').get()).toEqual({ n: 1 });
    const insert = db.prepare(
      `INSERT INTO model_versions (name, version, parent_version, folder, created_at, created_by,
         training_data, metrics, status) VALUES ('beat', ?, ?, NULL, 'now', 'me', ?, '{}', ?)`,
    );
    insert.run('beat-full@1.0.0', null, null, 'available');
    expect(() => insert.run('beat-full@1.0.0', null, null, 'available')).toThrow(/UNIQUE/);
    expect(() => insert.run('x@1', null, null, 'deployed')).toThrow(/CHECK/);
    expect(() => insert.run('x@1', null, 'not json', 'available')).toThrow(/CHECK/);
    expect(() => insert.run('x@1', 'no-such-parent', null, 'available')).toThrow(/FOREIGN KEY/);
    insert.run('beat-ft@1.0.0+site.1', 'beat-full@1.0.0', '{"recordingIds":[]}', 'candidate');
    const activate = db.prepare("INSERT INTO active_model VALUES (?, ?, 'now', 'me')");
    expect(() => activate.run(2, 'beat-full@1.0.0')).toThrow(/CHECK/);
    expect(() => activate.run(1, 'unknown')).toThrow(/FOREIGN KEY/);
    activate.run(1, 'beat-full@1.0.0');
    expect(() => activate.run(1, 'beat-full@1.0.0')).toThrow(/UNIQUE|PRIMARY/);
  });

  it('the store exposes the repository', () => {
    const store = openStore(':memory:');
    expect(store.models.list()).toEqual([]);
    expect(store.models.active()).toBeNull();
    store.close();
  });
});
