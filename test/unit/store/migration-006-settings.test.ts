import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, migrations, openStore, schemaVersion } from '../../../main/store';

/** Migration 006: settings. */

describe('migration 006_settings', () => {
  it('upgrade from 005 keeps the data; the table is STRICT and values must be JSON', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 5);
    db.exec("INSERT INTO patients VALUES ('p1', '', 'rec 1', NULL, NULL, '2020-01-01T00:00:00Z')");
    migrate(db, migrations, 6);
    expect(schemaVersion(db)).toBe(6);
    expect(db.prepare('SELECT count(*) AS n FROM patients').get()).toEqual({ n: 1 });
    expect(
      db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'settings'").get(),
    ).toEqual({ strict: 1 });
    const insert = db.prepare("INSERT INTO settings VALUES (?, ?, 'now', 'me')");
    insert.run('a', '"auto"');
    expect(() => insert.run('b', 'not json')).toThrow(/CHECK/);
    expect(() => insert.run('a', '"full"')).toThrow(/UNIQUE|PRIMARY/);
  });

  it('the repository reads back what it wrote, with who and when', () => {
    const store = openStore(':memory:');
    expect(store.settings.get('analysis.beatModel')).toBeNull();
    store.settings.set('analysis.beatModel', 'pruned', 'dr');
    store.settings.set('analysis.beatModel', 'full', 'admin');
    expect(store.settings.get('analysis.beatModel')).toMatchObject({
      value: 'full',
      updatedBy: 'admin',
    });
    store.close();
  });
});
