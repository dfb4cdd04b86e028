import type { Migration } from './types';

/**
 * Record-level findings (the 12-lead record model, rules from measurements, or both) belong
 * to an analysis run like the measurements do: one JSON column on `analyses`. NULL means
 * "not computed" (runs made before findings existed); on recordings without 12 leads it
 * holds the reason, so "not computed" and "not possible" stay distinguishable.
 * `record_model` names the model version that produced them.
 */
export const migration007: Migration = {
  version: 7,
  name: 'findings',
  up(db) {
    db.exec(`
      ALTER TABLE analyses ADD COLUMN findings TEXT CHECK (findings IS NULL OR json_valid(findings));
      ALTER TABLE analyses ADD COLUMN record_model TEXT;
    `);
  },
};
