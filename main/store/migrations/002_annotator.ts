import type { Migration } from './types';

/**
 * The annotator workflow: beat labels with provenance, the per-recording review state, local
 * user accounts and their sessions.
 *
 * `beats` serves both the beat classifier (rows with source 'model') and the label editor
 * (source 'user'); reference annotations imported as beats have source 'reference'. One row
 * per beat, keyed by its fiducial sample. The model_* columns keep the model's opinion even
 * after a person relabels the beat, so disagreement between model and people stays visible.
 * `beat_deletions` remembers beats people removed, so re-running a model keeps the removal.
 */
export const migration002: Migration = {
  version: 2,
  name: 'annotator',
  up(db) {
    db.exec(`
      CREATE TABLE beats (
        recording_id  TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
        sample        INTEGER NOT NULL CHECK (sample >= 0),
        label         TEXT NOT NULL CHECK (label IN ('N', 'S', 'V', 'F', 'Q')),
        source        TEXT NOT NULL CHECK (source IN ('model', 'user', 'reference')),
        user          TEXT CHECK (user IS NULL OR length(user) > 0),
        model_version TEXT,
        model_label   TEXT CHECK (model_label IS NULL OR model_label IN ('N', 'S', 'V', 'F', 'Q')),
        confidence    REAL CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
        probs         TEXT CHECK (probs IS NULL OR json_valid(probs)),
        fragile       INTEGER CHECK (fragile IS NULL OR fragile IN (0, 1)),
        flip_epsilon  REAL CHECK (flip_epsilon IS NULL OR flip_epsilon >= 0),
        updated_at    TEXT NOT NULL,
        PRIMARY KEY (recording_id, sample),
        CHECK (source <> 'user' OR user IS NOT NULL),
        CHECK (source <> 'model' OR (model_version IS NOT NULL AND model_label = label)),
        CHECK (model_label IS NULL OR model_version IS NOT NULL)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX beats_by_label ON beats (recording_id, label, sample);

      -- Beats a person deleted (or moved away from): a later model run must not bring them back.
      CREATE TABLE beat_deletions (
        recording_id TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
        sample       INTEGER NOT NULL CHECK (sample >= 0),
        user         TEXT NOT NULL,
        deleted_at   TEXT NOT NULL,
        PRIMARY KEY (recording_id, sample)
      ) STRICT, WITHOUT ROWID;

      -- No row means "unreviewed".
      CREATE TABLE reviews (
        recording_id TEXT PRIMARY KEY REFERENCES recordings (id) ON DELETE CASCADE,
        status       TEXT NOT NULL CHECK (status IN ('unreviewed', 'in_review', 'signed')),
        started_by   TEXT,
        started_at   TEXT,
        signed_by    TEXT,
        signed_at    TEXT,
        meaning      TEXT,
        updated_at   TEXT NOT NULL,
        CHECK (status <> 'signed'
               OR (signed_by IS NOT NULL AND signed_at IS NOT NULL AND meaning IS NOT NULL))
      ) STRICT;

      CREATE TABLE users (
        id              TEXT PRIMARY KEY,
        username        TEXT NOT NULL COLLATE NOCASE UNIQUE
                        CHECK (length(username) BETWEEN 1 AND 64),
        display_name    TEXT NOT NULL,
        role            TEXT NOT NULL CHECK (role IN ('admin', 'cardiologist', 'annotator')),
        -- "scrypt$N$r$p$salt$hash" (base64): see main/auth/password.ts.
        password_hash   TEXT NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
        disabled        INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        locked_until    TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        last_login_at   TEXT
      ) STRICT;

      -- Only a SHA-256 of each token is stored: reading the file does not give a usable session.
      CREATE TABLE sessions (
        token_hash   TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
        user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at   TEXT NOT NULL,
        expires_at   TEXT NOT NULL,
        last_seen_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sessions_user ON sessions (user_id);
    `);
  },
};
