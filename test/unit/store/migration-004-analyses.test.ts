import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, migrations, openStore, schemaVersion } from '../../../main/store';

/** Migration 004: analyses (one row per automatic analysis run). */

const summary = (recordingId: string, heartRateBpm: number) => ({
  recordingId,
  analysedLead: 'MLII',
  beatCount: 12,
  beatModel: 'beat-full@1.0.0',
  mlBackend: 'wasm',
  measurements: {
    heartRateBpm,
    rrMs: 800,
    prMs: 160,
    qrsMs: 90,
    qtMs: 380,
    qtcMs: 425,
    qtcFormula: 'Bazett',
    qtcFridericiaMs: 410,
    qtcFridericiaFormula: 'Fridericia',
    axisDeg: null,
  },
  rhythm: { dominant: 'SR' as const, label: 'sinus rhythm', episodes: [] },
  findings: null,
  runtime: { ms: { total: 10 } },
});

function seedV3(db: Database.Database): void {
  db.exec(`
    INSERT INTO patients VALUES ('p1', '', 'rec 1', NULL, NULL, '2020-01-01T00:00:00Z');
    INSERT INTO recordings VALUES ('r1', 'p1', 'x/1.hea', '1', 'wfdb', 360, 1000, 2.78,
      '${'a'.repeat(64)}', NULL, '[]', 8192, '2020-01-01T00:00:00Z');
  `);
}

describe('migration 004_analyses', () => {
  it('fresh database: analyses exists, STRICT, indexed by recording', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 4);
    expect(schemaVersion(db)).toBe(4);
    const table = db
      .prepare<[], { strict: number }>(
        "SELECT strict FROM pragma_table_list WHERE name = 'analyses'",
      )
      .get();
    expect(table?.strict).toBe(1);
    const index = db
      .prepare<[], { name: string }>("SELECT name FROM pragma_index_list('analyses')")
      .all()
      .map((r) => r.name);
    expect(index).toContain('analyses_by_recording');
  });

  it('upgrade from 003 keeps the data; JSON columns and counts are checked', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, 3);
    seedV3(db);
    migrate(db, migrations, 4);
    expect(db.prepare('SELECT count(*) AS n FROM recordings').get()).toEqual({ n: 1 });
    const insert = db.prepare(
      `INSERT INTO analyses (recording_id, created_at, analysed_lead, beat_count, measurements,
         rhythm, runtime) VALUES ('r1', 'now', 'II', ?, ?, '{}', '{}')`,
    );
    expect(() => insert.run(1, 'not json')).toThrow();
    expect(() => insert.run(-1, '{}')).toThrow();
    expect(() =>
      db
        .prepare(
          `INSERT INTO analyses (recording_id, created_at, analysed_lead, beat_count,
             measurements, rhythm, runtime) VALUES ('nope', 'now', 'II', 0, '{}', '{}', '{}')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    insert.run(3, '{}');
    expect(db.prepare('SELECT count(*) AS n FROM analyses').get()).toEqual({ n: 1 });
  });

  it('the repository returns the newest analysis of a recording, as written', () => {
    const store = openStore(':memory:');
    seedV3(store.db);
    expect(store.analyses.latest('r1')).toBeNull();
    store.analyses.insert({ ...summary('r1', 70), createdAt: '2020-01-01T00:00:00Z' });
    store.analyses.insert({ ...summary('r1', 75), createdAt: '2020-01-02T00:00:00Z' });
    expect(store.analyses.latest('r1')).toEqual({
      ...summary('r1', 75),
      createdAt: '2020-01-02T00:00:00Z',
    });
    store.db.prepare("DELETE FROM recordings WHERE id = 'r1'").run();
    expect(store.analyses.latest('r1')).toBeNull();
    store.close();
  });
});
