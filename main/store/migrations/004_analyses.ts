import type { Migration } from './types';

/**
 * Results of the automatic analysis of a recording: one row per run, newest wins. Beats go to
 * `beats` (source 'model'); this keeps what belongs to the whole recording — measurements,
 * rhythm, the analysed lead, which model versions and backend produced it, and timings — so
 * a clinician can see what was computed, by what, and when.
 */
export const migration004: Migration = {
  version: 4,
  name: 'analyses',
  up(db) {
    db.exec(`
      CREATE TABLE analyses (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        recording_id   TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
        created_at     TEXT NOT NULL,
        analysed_lead  TEXT NOT NULL,
        beat_count     INTEGER NOT NULL CHECK (beat_count >= 0),
        beat_model     TEXT,
        ml_backend     TEXT,
        measurements   TEXT NOT NULL CHECK (json_valid(measurements)),
        rhythm         TEXT NOT NULL CHECK (json_valid(rhythm)),
        runtime        TEXT NOT NULL CHECK (json_valid(runtime))
      ) STRICT;
      CREATE INDEX analyses_by_recording ON analyses (recording_id, id);
    `);
  },
};
