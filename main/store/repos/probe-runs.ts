import type Database from 'better-sqlite3';
import type { ProbeKind, ProbeRunSummary } from '@common/types';
import { nowIso } from '../sql-util';

interface Row {
  recording_id: string;
  created_at: string;
  model_version: string;
  method: ProbeKind;
  params: string;
  fragile_threshold: number;
  beats: number;
  fragile: number;
  seconds: number;
}

export type ProbeRunInsert = Omit<ProbeRunSummary, 'createdAt'> & { createdAt?: string };

/** Whole-recording probe runs; the newest per recording is the current one. */
export class ProbeRunsRepo {
  private readonly insertStmt: Database.Statement;
  private readonly latestStmt: Database.Statement<[string], Row>;

  constructor(db: Database.Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO probe_runs (recording_id, created_at, model_version, method, params,
         fragile_threshold, beats, fragile, seconds)
       VALUES (@recordingId, @createdAt, @modelVersion, @method, @params, @fragileThreshold,
         @beats, @fragile, @seconds)`,
    );
    this.latestStmt = db.prepare(
      'SELECT * FROM probe_runs WHERE recording_id = ? ORDER BY id DESC LIMIT 1',
    );
  }

  insert(p: ProbeRunInsert): void {
    this.insertStmt.run({
      ...p,
      createdAt: p.createdAt ?? nowIso(),
      params: JSON.stringify(p.params),
    });
  }

  latest(recordingId: string): ProbeRunSummary | null {
    const r = this.latestStmt.get(recordingId);
    if (!r) return null;
    return {
      recordingId: r.recording_id,
      createdAt: r.created_at,
      modelVersion: r.model_version,
      method: r.method,
      params: JSON.parse(r.params) as Record<string, unknown>,
      fragileThreshold: r.fragile_threshold,
      beats: r.beats,
      fragile: r.fragile,
      seconds: r.seconds,
    };
  }
}
