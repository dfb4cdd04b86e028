import type { Migration } from './types';

/**
 * Beat model versions: the shipped model and every site fine-tune, each with the data it was
 * trained on and its metrics (DS2, held-out corrected recordings), and which one the analysis
 * uses (`active_model`, one row at most; none = the shipped model). Fine-tuned weights live in
 * `<store folder>/models/<version>/`; `folder` is NULL for the shipped model (resources/).
 */
export const migration005: Migration = {
  version: 5,
  name: 'model_versions',
  up(db) {
    db.exec(`
      CREATE TABLE model_versions (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        name           TEXT NOT NULL,
        version        TEXT NOT NULL UNIQUE,
        parent_version TEXT REFERENCES model_versions (version),
        folder         TEXT,
        created_at     TEXT NOT NULL,
        created_by     TEXT NOT NULL,
        training_data  TEXT CHECK (training_data IS NULL OR json_valid(training_data)),
        metrics        TEXT CHECK (metrics IS NULL OR json_valid(metrics)),
        status         TEXT NOT NULL CHECK (status IN ('candidate', 'rejected', 'available')),
        status_reason  TEXT
      ) STRICT;
      CREATE TABLE active_model (
        singleton      INTEGER PRIMARY KEY CHECK (singleton = 1),
        version        TEXT NOT NULL REFERENCES model_versions (version),
        activated_at   TEXT NOT NULL,
        activated_by   TEXT NOT NULL
      ) STRICT;
    `);
  },
};
