import type Database from 'better-sqlite3';
import type { ReviewState, ReviewStatus } from '@common/types';

interface ReviewDbRow {
  recording_id: string;
  status: ReviewStatus;
  started_by: string | null;
  started_at: string | null;
  signed_by: string | null;
  signed_at: string | null;
  meaning: string | null;
  updated_at: string;
}

/** Per-recording review state. A recording without a row is "unreviewed". */
export class ReviewsRepo {
  private readonly getStmt: Database.Statement<[string], ReviewDbRow>;
  private readonly putStmt: Database.Statement<ReviewDbRow>;

  constructor(db: Database.Database) {
    this.getStmt = db.prepare('SELECT * FROM reviews WHERE recording_id = ?');
    this.putStmt = db.prepare(
      `INSERT INTO reviews (recording_id, status, started_by, started_at, signed_by, signed_at,
         meaning, updated_at)
       VALUES (:recording_id, :status, :started_by, :started_at, :signed_by, :signed_at,
         :meaning, :updated_at)
       ON CONFLICT (recording_id) DO UPDATE SET status = excluded.status,
         started_by = excluded.started_by, started_at = excluded.started_at,
         signed_by = excluded.signed_by, signed_at = excluded.signed_at,
         meaning = excluded.meaning, updated_at = excluded.updated_at`,
    );
  }

  get(recordingId: string): ReviewState {
    const r = this.getStmt.get(recordingId);
    if (!r) {
      return {
        recordingId,
        status: 'unreviewed',
        startedBy: null,
        startedAt: null,
        signedBy: null,
        signedAt: null,
        meaning: null,
        updatedAt: null,
      };
    }
    return {
      recordingId: r.recording_id,
      status: r.status,
      startedBy: r.started_by,
      startedAt: r.started_at,
      signedBy: r.signed_by,
      signedAt: r.signed_at,
      meaning: r.meaning,
      updatedAt: r.updated_at,
    };
  }

  put(s: ReviewState & { updatedAt: string }): void {
    this.putStmt.run({
      recording_id: s.recordingId,
      status: s.status,
      started_by: s.startedBy,
      started_at: s.startedAt,
      signed_by: s.signedBy,
      signed_at: s.signedAt,
      meaning: s.meaning,
      updated_at: s.updatedAt,
    });
  }
}
