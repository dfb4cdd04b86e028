import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, migrations, openStore, schemaVersion } from '../../../main/store';

/** Migration 008: probe_runs. */

function seed(db: Database.Database): void {
  db.exec(`
    INSERT INTO patients VALUES ('p1', '', 'rec 1', NULL, NULL, '2020-01-01T00:00:00Z');
    INSERT INTO recordings VALUES ('r1', 'p1', 'x/1.hea', '1', 'wfdb', 360, 1000, 2.78,
      '${'a'.repeat(64)}', NULL, '[]', 8192, '2020-01-01T00:00:00Z');
  `);
}

describe('migration 008_probe_runs', () => {
  it('upgrade from 007: STRICT table; method, threshold and counts are checked', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, 7);
    seed(db);
    migrate(db, migrations, 8);
    expect(schemaVersion(db)).toBe(8);
    expect(
      db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'probe_runs'").get(),
    ).toEqual({ strict: 1 });
    const insert = db.prepare(
      `INSERT INTO probe_runs (recording_id, created_at, model_version, method, params,
         fragile_threshold, beats, fragile, seconds) VALUES (?, 'now', 'm', ?, '{}', ?, ?, ?, 1)`,
    );
    insert.run('r1', 'pgd', 0.02, 10, 2);
    expect(() => insert.run('r1', 'fgsm', 0.02, 10, 2)).toThrow(/CHECK/);
    expect(() => insert.run('r1', 'pgd', 0, 10, 2)).toThrow(/CHECK/);
    expect(() => insert.run('r1', 'pgd', 0.02, 1, 2)).toThrow(/CHECK/);
    expect(() => insert.run('nope', 'pgd', 0.02, 1, 0)).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM recordings WHERE id = 'r1'").run();
    expect(db.prepare('SELECT count(*) FROM probe_runs').pluck().get()).toBe(0);
  });

  it('the repository returns the newest run, as written', () => {
    const store = openStore(':memory:');
    seed(store.db);
    expect(store.probeRuns.latest('r1')).toBeNull();
    const run = {
      recordingId: 'r1',
      modelVersion: 'beat-full@1.0.0',
      method: 'pgd' as const,
      params: { steps: 10 },
      fragileThreshold: 0.02,
      beats: 100,
      fragile: 3,
      seconds: 2.5,
    };
    store.probeRuns.insert({ ...run, createdAt: '2020-01-01T00:00:00Z' });
    store.probeRuns.insert({ ...run, method: 'spsa', createdAt: '2020-01-02T00:00:00Z' });
    expect(store.probeRuns.latest('r1')).toEqual({
      ...run,
      method: 'spsa',
      createdAt: '2020-01-02T00:00:00Z',
    });
    store.close();
  });
});
