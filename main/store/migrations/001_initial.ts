import type { Migration } from './types';

/**
 * The first schema: patients, recordings, their leads, the signal in fixed-length chunks,
 * annotations and the audit log. All tables are STRICT so a wrong type is an error, not a
 * silent conversion.
 */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE patients (
        id           TEXT PRIMARY KEY,
        external_id  TEXT NOT NULL,
        display_name TEXT NOT NULL,
        sex          TEXT CHECK (sex IN ('M', 'F')),
        age          REAL CHECK (age >= 0),
        created_at   TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX patients_external_id ON patients (external_id) WHERE external_id <> '';

      CREATE TABLE recordings (
        id           TEXT PRIMARY KEY,
        patient_id   TEXT NOT NULL REFERENCES patients (id),
        source       TEXT NOT NULL,
        record_name  TEXT NOT NULL,
        format       TEXT NOT NULL
                     CHECK (format IN ('wfdb', 'hl7-aecg', 'philips-xml', 'scp-ecg', 'dicom')),
        fs           REAL NOT NULL CHECK (fs > 0),
        samples      INTEGER NOT NULL CHECK (samples >= 0),
        duration_s   REAL NOT NULL,
        sha256       TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
        start_time   TEXT,
        comments     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(comments)),
        chunk_len    INTEGER NOT NULL CHECK (chunk_len > 0),
        imported_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX recordings_patient ON recordings (patient_id);

      CREATE TABLE leads (
        recording_id   TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
        idx            INTEGER NOT NULL CHECK (idx >= 0),
        name           TEXT NOT NULL,
        units          TEXT NOT NULL,
        gain           REAL NOT NULL,
        baseline       REAL NOT NULL,
        adc_resolution INTEGER,
        to_millivolts  REAL,
        sample_type    TEXT NOT NULL CHECK (sample_type IN ('int16', 'int32')),
        PRIMARY KEY (recording_id, idx)
      ) STRICT;

      -- Chunk k of a lead holds samples [k * chunk_len, (k + 1) * chunk_len) as little-endian
      -- int16 or int32 (leads.sample_type); the last chunk may be shorter.
      CREATE TABLE signal_chunks (
        recording_id TEXT NOT NULL,
        lead_idx     INTEGER NOT NULL,
        chunk_idx    INTEGER NOT NULL CHECK (chunk_idx >= 0),
        data         BLOB NOT NULL,
        PRIMARY KEY (recording_id, lead_idx, chunk_idx),
        FOREIGN KEY (recording_id, lead_idx) REFERENCES leads (recording_id, idx) ON DELETE CASCADE
      ) STRICT;

      CREATE TABLE annotations (
        id           INTEGER PRIMARY KEY,
        recording_id TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
        source       TEXT NOT NULL,
        sample       INTEGER NOT NULL CHECK (sample >= 0),
        symbol       TEXT NOT NULL,
        subtype      INTEGER NOT NULL DEFAULT 0,
        chan         INTEGER NOT NULL DEFAULT 0,
        num          INTEGER NOT NULL DEFAULT 0,
        aux          TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX annotations_by_sample ON annotations (recording_id, source, sample);

      -- Append-only. AUTOINCREMENT so an id is never reused, which a later hash chain relies on.
      CREATE TABLE audit_log (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        at        TEXT NOT NULL,
        user      TEXT NOT NULL,
        action    TEXT NOT NULL,
        entity    TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        old_value TEXT CHECK (old_value IS NULL OR json_valid(old_value)),
        new_value TEXT CHECK (new_value IS NULL OR json_valid(new_value)),
        reason    TEXT
      ) STRICT;
      CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
    `);
  },
};
