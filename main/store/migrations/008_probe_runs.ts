import type { Migration } from './types';

/**
 * Adversarial-sensitivity probes of a whole recording: one row per run, with the beat model
 * version it probed (a probe says something about one model's predictions only), the method
 * and its parameters, the fragility threshold and the counts. Per-beat results (`fragile`,
 * `flip_epsilon`) live on `beats`, where the trace and the beat list read them.
 */
export const migration008: Migration = {
  version: 8,
  name: 'probe_runs',
  up(db) {
    db.exec(`
      CREATE TABLE probe_runs (
        id                INTEGER PRIMARY KEY AUTOINCREMENT,
        recording_id      TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
        created_at        TEXT NOT NULL,
        model_version     TEXT NOT NULL,
        method            TEXT NOT NULL CHECK (method IN ('pgd', 'spsa')),
        params            TEXT NOT NULL CHECK (json_valid(params)),
        fragile_threshold REAL NOT NULL CHECK (fragile_threshold > 0),
        beats             INTEGER NOT NULL CHECK (beats >= 0),
        fragile           INTEGER NOT NULL CHECK (fragile >= 0 AND fragile <= beats),
        seconds           REAL NOT NULL CHECK (seconds >= 0)
      ) STRICT;
      CREATE INDEX probe_runs_by_recording ON probe_runs (recording_id, id);
    `);
  },
};
