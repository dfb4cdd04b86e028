import type { Migration } from './types';

/**
 * The probe's NSR variant (PGD in the L2 ball, ε a noise-to-signal ratio; main/ml/probe):
 * probe_runs.method may now be 'pgd-nsr'. SQLite cannot change a CHECK in place, so the table
 * is rebuilt with the same columns and rows, and its index made again.
 */
export const migration009: Migration = {
  version: 9,
  name: 'probe_nsr',
  up(db) {
    db.exec(`
      CREATE TABLE probe_runs_new (
        id                INTEGER PRIMARY KEY AUTOINCREMENT,
        recording_id      TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
        created_at        TEXT NOT NULL,
        model_version     TEXT NOT NULL,
        method            TEXT NOT NULL CHECK (method IN ('pgd', 'spsa', 'pgd-nsr')),
        params            TEXT NOT NULL CHECK (json_valid(params)),
        fragile_threshold REAL NOT NULL CHECK (fragile_threshold > 0),
        beats             INTEGER NOT NULL CHECK (beats >= 0),
        fragile           INTEGER NOT NULL CHECK (fragile >= 0 AND fragile <= beats),
        seconds           REAL NOT NULL CHECK (seconds >= 0)
      ) STRICT;
      INSERT INTO probe_runs_new SELECT * FROM probe_runs;
      DROP TABLE probe_runs;
      ALTER TABLE probe_runs_new RENAME TO probe_runs;
      CREATE INDEX probe_runs_by_recording ON probe_runs (recording_id, id);
    `);
  },
};
