import type { Migration } from './types';

/**
 * EDF/EDF+/BDF recordings (main/formats/edf): recordings.format may now be 'edf'. SQLite cannot
 * change a CHECK in place, so the table is rebuilt with the same columns and rows and its index
 * made again. Seven tables reference recordings, so this step runs with foreign keys off (the
 * runner checks them all before it commits): with them on, DROP TABLE would delete every
 * recording's leads, signal, labels and analyses through ON DELETE CASCADE.
 */
export const migration010: Migration = {
  version: 10,
  name: 'edf_format',
  foreignKeysOff: true,
  up(db) {
    db.exec(`
      CREATE TABLE recordings_new (
        id           TEXT PRIMARY KEY,
        patient_id   TEXT NOT NULL REFERENCES patients (id),
        source       TEXT NOT NULL,
        record_name  TEXT NOT NULL,
        format       TEXT NOT NULL
                     CHECK (format IN ('wfdb', 'hl7-aecg', 'philips-xml', 'scp-ecg', 'dicom', 'edf')),
        fs           REAL NOT NULL CHECK (fs > 0),
        samples      INTEGER NOT NULL CHECK (samples >= 0),
        duration_s   REAL NOT NULL,
        sha256       TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
        start_time   TEXT,
        comments     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(comments)),
        chunk_len    INTEGER NOT NULL CHECK (chunk_len > 0),
        imported_at  TEXT NOT NULL
      ) STRICT;
      INSERT INTO recordings_new SELECT * FROM recordings;
      DROP TABLE recordings;
      ALTER TABLE recordings_new RENAME TO recordings;
      CREATE INDEX recordings_patient ON recordings (patient_id);
    `);
  },
};
