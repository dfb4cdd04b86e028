import type Database from 'better-sqlite3';
import type { AnalysisSummary } from '@common/types';
import { nowIso } from '../sql-util';

interface Row {
  recording_id: string;
  created_at: string;
  analysed_lead: string;
  beat_count: number;
  beat_model: string | null;
  ml_backend: string | null;
  measurements: string;
  rhythm: string;
  runtime: string;
  findings: string | null;
  record_model: string | null;
}

export type AnalysisInsert = Omit<AnalysisSummary, 'createdAt'> & { createdAt?: string };

/** Results of automatic analysis runs; the newest per recording is the current one. */
export class AnalysesRepo {
  private readonly insertStmt: Database.Statement;
  private readonly latestStmt: Database.Statement<[string], Row>;

  constructor(db: Database.Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO analyses (recording_id, created_at, analysed_lead, beat_count, beat_model,
         ml_backend, measurements, rhythm, runtime, findings, record_model)
       VALUES (@recordingId, @createdAt, @analysedLead, @beatCount, @beatModel, @mlBackend,
         @measurements, @rhythm, @runtime, @findings, @recordModel)`,
    );
    this.latestStmt = db.prepare(
      'SELECT * FROM analyses WHERE recording_id = ? ORDER BY id DESC LIMIT 1',
    );
  }

  insert(a: AnalysisInsert): void {
    this.insertStmt.run({
      recordingId: a.recordingId,
      createdAt: a.createdAt ?? nowIso(),
      analysedLead: a.analysedLead,
      beatCount: a.beatCount,
      beatModel: a.beatModel,
      mlBackend: a.mlBackend,
      measurements: JSON.stringify(a.measurements),
      rhythm: JSON.stringify(a.rhythm),
      runtime: JSON.stringify(a.runtime),
      findings: a.findings === null ? null : JSON.stringify(a.findings),
      recordModel: a.findings?.recordModel ?? null,
    });
  }

  latest(recordingId: string): AnalysisSummary | null {
    const r = this.latestStmt.get(recordingId);
    if (!r) return null;
    return {
      recordingId: r.recording_id,
      createdAt: r.created_at,
      analysedLead: r.analysed_lead,
      beatCount: r.beat_count,
      beatModel: r.beat_model,
      mlBackend: r.ml_backend,
      measurements: JSON.parse(r.measurements) as AnalysisSummary['measurements'],
      rhythm: JSON.parse(r.rhythm) as AnalysisSummary['rhythm'],
      findings:
        r.findings === null ? null : (JSON.parse(r.findings) as AnalysisSummary['findings']),
      runtime: JSON.parse(r.runtime) as AnalysisSummary['runtime'],
    };
  }
}
