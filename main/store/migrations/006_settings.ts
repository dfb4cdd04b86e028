import type { Migration } from './types';

/**
 * Site-wide settings that change what the analysis does (first: which beat model, Full /
 * Pruned / Auto). One row per key, the value as JSON; who changed it last and when. Changes
 * are also written to the audit trail by the code that makes them.
 */
export const migration006: Migration = {
  version: 6,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
    `);
  },
};
