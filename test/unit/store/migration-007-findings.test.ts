import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AnalysisSummary, FindingsSummary } from '@common/types';
import { migrate, migrations, openStore, schemaVersion } from '../../../main/store';

/** Migration 007: findings and record_model on analyses. */

function seed(db: Database.Database): void {
  db.exec(`
    INSERT INTO patients VALUES ('p1', '', 'rec 1', NULL, NULL, '2020-01-01T00:00:00Z');
    INSERT INTO recordings VALUES ('r1', 'p1', 'x/1.hea', '1', 'wfdb', 500, 5000, 10,
      '${'a'.repeat(64)}', NULL, '[]', 8192, '2020-01-01T00:00:00Z');
  `);
}

describe('migration 007_findings', () => {
  it('upgrade from 006 keeps earlier analyses (findings NULL) and checks JSON', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 6);
    seed(db);
    db.exec(`INSERT INTO analyses (recording_id, created_at, analysed_lead, beat_count,
      measurements, rhythm, runtime) VALUES ('r1', 'now', 'II', 3, '{}', '{}', '{}')`);
    migrate(db, migrations, 7);
    expect(schemaVersion(db)).toBe(7);
    expect(db.prepare('SELECT findings, record_model FROM analyses').get()).toEqual({
      findings: null,
      record_model: null,
    });
    expect(() => db.prepare("UPDATE analyses SET findings = 'nope'").run()).toThrow(/CHECK/);
  });

  it('the repository round-trips findings and fills record_model from them', () => {
    const store = openStore(':memory:');
    seed(store.db);
    const findings: FindingsSummary = {
      recordModel: 'record-12lead@1.0.0',
      findings: [
        {
          code: 'AF',
          probability: 0.91,
          threshold: 0.4,
          present: true,
          source: 'combined',
          evidence: { modelProbability: 0.91, rule: 'RR irregular, no P waves', measurements: {} },
        },
      ],
      leadsUsed: ['I', 'II'],
      windows: 1,
      ms: 40,
      unavailableReason: null,
    };
    const a: Omit<AnalysisSummary, 'createdAt'> = {
      recordingId: 'r1',
      analysedLead: 'II',
      beatCount: 10,
      beatModel: null,
      mlBackend: null,
      measurements: {} as AnalysisSummary['measurements'],
      rhythm: { dominant: 'AF', label: 'atrial fibrillation', episodes: [] },
      findings,
      runtime: { ms: { total: 1 } },
    };
    store.analyses.insert(a);
    expect(store.analyses.latest('r1')?.findings).toEqual(findings);
    expect(store.db.prepare('SELECT record_model FROM analyses').pluck().get()).toBe(
      'record-12lead@1.0.0',
    );
    store.close();
  });
});
