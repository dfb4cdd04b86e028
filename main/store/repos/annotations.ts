import type Database from 'better-sqlite3';
import type { AnnotationRow } from '@common/types';
import type { ParsedAnnotation } from '../../formats/types';

export interface AnnotationFilter {
  startSample?: number;
  /** Exclusive. */
  endSample?: number;
  source?: string;
}

interface AnnotationDbRow {
  sample: number;
  symbol: string;
  subtype: number;
  chan: number;
  num: number;
  aux: string;
  source: string;
}

export class AnnotationsRepo {
  private readonly insertStmt: Database.Statement<
    [string, string, number, string, number, number, number, string]
  >;
  private readonly listStmt: Database.Statement<
    { id: string; start: number | null; end: number | null; source: string | null },
    AnnotationDbRow
  >;
  private readonly countStmt: Database.Statement<[string], { n: number }>;

  constructor(db: Database.Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO annotations (recording_id, source, sample, symbol, subtype, chan, num, aux)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.listStmt = db.prepare(
      `SELECT sample, symbol, subtype, chan, num, aux, source FROM annotations
       WHERE recording_id = :id
         AND (:source IS NULL OR source = :source)
         AND (:start IS NULL OR sample >= :start)
         AND (:end IS NULL OR sample < :end)
       ORDER BY sample, source, id`,
    );
    this.countStmt = db.prepare('SELECT count(*) AS n FROM annotations WHERE recording_id = ?');
  }

  insertMany(recordingId: string, source: string, annotations: readonly ParsedAnnotation[]): void {
    for (const a of annotations) {
      this.insertStmt.run(recordingId, source, a.sample, a.symbol, a.subtype, a.chan, a.num, a.aux);
    }
  }

  list(recordingId: string, filter: AnnotationFilter = {}): AnnotationRow[] {
    return this.listStmt.all({
      id: recordingId,
      source: filter.source ?? null,
      start: filter.startSample ?? null,
      end: filter.endSample ?? null,
    });
  }

  count(recordingId: string): number {
    return this.countStmt.get(recordingId)?.n ?? 0;
  }
}
