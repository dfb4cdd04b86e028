import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { LOW_CONFIDENCE } from '@common/constants';
import type {
  LeadInfo,
  RecordingDetail,
  RecordingFormat,
  RecordingSummary,
  ReviewStatus,
} from '@common/types';
import { containsPattern, nowIso } from '../sql-util';
import type { NewRecording, RecordingLayout, SampleType } from '../types';

interface SummaryDbRow {
  id: string;
  patient_id: string;
  patient_name: string;
  source: string;
  record_name: string;
  format: RecordingFormat;
  fs: number;
  lead_names: string;
  samples: number;
  duration_s: number;
  imported_at: string;
  annotation_count: number;
  review_status: ReviewStatus;
  uncertain_beats: number;
  fragile_beats: number;
}

interface DetailDbRow extends SummaryDbRow {
  sha256: string;
  comments: string;
  chunk_len: number;
}

interface LeadDbRow {
  idx: number;
  name: string;
  units: string;
  gain: number;
  baseline: number;
  to_millivolts: number | null;
  sample_type: SampleType;
}

const SELECT = `
  SELECT r.id, r.patient_id, p.display_name AS patient_name, r.source, r.record_name, r.format,
         r.fs, r.samples, r.duration_s, r.imported_at, r.sha256, r.comments, r.chunk_len,
         (SELECT json_group_array(name)
            FROM (SELECT name FROM leads l WHERE l.recording_id = r.id ORDER BY l.idx)) AS lead_names,
         (SELECT count(*) FROM annotations a WHERE a.recording_id = r.id) AS annotation_count,
         coalesce((SELECT v.status FROM reviews v WHERE v.recording_id = r.id), 'unreviewed')
           AS review_status,
         (SELECT count(*) FROM beats b WHERE b.recording_id = r.id AND b.source = 'model'
            AND b.confidence < ${LOW_CONFIDENCE}) AS uncertain_beats,
         (SELECT count(*) FROM beats b WHERE b.recording_id = r.id AND b.fragile = 1)
           AS fragile_beats
  FROM recordings r JOIN patients p ON p.id = r.patient_id`;
const ORDER = ' ORDER BY r.record_name COLLATE NOCASE, r.source, r.id';

export interface RecordingFilter {
  search?: string;
  patientId?: string;
}

function toSummary(r: SummaryDbRow): RecordingSummary {
  return {
    recordingId: r.id,
    patientId: r.patient_id,
    patientName: r.patient_name,
    source: r.source,
    recordName: r.record_name,
    format: r.format,
    fs: r.fs,
    leads: JSON.parse(r.lead_names) as string[],
    samples: r.samples,
    durationS: r.duration_s,
    importedAt: r.imported_at,
    annotationCount: r.annotation_count,
    reviewStatus: r.review_status,
    uncertainBeats: r.uncertain_beats,
    fragileBeats: r.fragile_beats,
  };
}

function toLeadInfo(l: LeadDbRow): LeadInfo {
  return {
    index: l.idx,
    name: l.name,
    units: l.units,
    gain: l.gain,
    baseline: l.baseline,
    toMillivolts: l.to_millivolts,
  };
}

/** Duration rounded to the centisecond, as the CLI contract shows it (1805.56). */
export function durationSeconds(samples: number, fs: number): number {
  return Math.round((samples / fs) * 100) / 100;
}

export class RecordingsRepo {
  private readonly byId: Database.Statement<[string], DetailDbRow>;
  private readonly existsStmt: Database.Statement<[string], { one: number }>;
  private readonly bySha: Database.Statement<[string], DetailDbRow>;
  private readonly filtered: Database.Statement<
    { patientId: string | null; pattern: string | null },
    SummaryDbRow
  >;
  private readonly leadsOf: Database.Statement<[string], LeadDbRow>;
  private readonly sourcesOf: Database.Statement<[string], { source: string }>;
  private readonly insertRec: Database.Statement<unknown[]>;
  private readonly insertLead: Database.Statement<unknown[]>;

  constructor(db: Database.Database) {
    this.byId = db.prepare(`${SELECT} WHERE r.id = ?`);
    this.existsStmt = db.prepare('SELECT 1 AS one FROM recordings WHERE id = ?');
    this.bySha = db.prepare(`${SELECT} WHERE r.sha256 = ?`);
    this.filtered = db.prepare(
      `${SELECT}
       WHERE (:patientId IS NULL OR r.patient_id = :patientId)
         AND (:pattern IS NULL OR r.record_name LIKE :pattern ESCAPE '\\'
              OR r.source LIKE :pattern ESCAPE '\\' OR p.display_name LIKE :pattern ESCAPE '\\')
       ${ORDER}`,
    );
    this.leadsOf = db.prepare(
      `SELECT idx, name, units, gain, baseline, to_millivolts, sample_type
       FROM leads WHERE recording_id = ? ORDER BY idx`,
    );
    this.sourcesOf = db.prepare(
      'SELECT DISTINCT source FROM annotations WHERE recording_id = ? ORDER BY source',
    );
    this.insertRec = db.prepare(
      `INSERT INTO recordings (id, patient_id, source, record_name, format, fs, samples,
         duration_s, sha256, start_time, comments, chunk_len, imported_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertLead = db.prepare(
      `INSERT INTO leads (recording_id, idx, name, units, gain, baseline, adc_resolution,
         to_millivolts, sample_type)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  list(filter: RecordingFilter = {}): RecordingSummary[] {
    const q = filter.search?.trim() ?? '';
    return this.filtered
      .all({
        patientId: filter.patientId ?? null,
        pattern: q === '' ? null : containsPattern(q),
      })
      .map(toSummary);
  }

  has(recordingId: string): boolean {
    return this.existsStmt.get(recordingId) !== undefined;
  }

  get(recordingId: string): RecordingDetail | null {
    const r = this.byId.get(recordingId);
    return r ? this.toDetail(r) : null;
  }

  findBySha256(sha256: string): RecordingDetail | null {
    const r = this.bySha.get(sha256);
    return r ? this.toDetail(r) : null;
  }

  layout(recordingId: string): RecordingLayout | null {
    const r = this.byId.get(recordingId);
    if (!r) return null;
    return {
      recordingId: r.id,
      fs: r.fs,
      samples: r.samples,
      chunkLen: r.chunk_len,
      leads: this.leadsOf.all(r.id).map((l) => ({ ...toLeadInfo(l), sampleType: l.sample_type })),
    };
  }

  /** Inserts the recording and its leads (not the signal); returns the new id. */
  insert(rec: NewRecording): string {
    const id = randomUUID();
    this.insertRec.run(
      id,
      rec.patientId,
      rec.source,
      rec.recordName,
      rec.format,
      rec.fs,
      rec.samples,
      durationSeconds(rec.samples, rec.fs),
      rec.sha256,
      rec.startTime,
      JSON.stringify(rec.comments),
      rec.chunkLen,
      nowIso(),
    );
    rec.leads.forEach((l, idx) => {
      this.insertLead.run(
        id,
        idx,
        l.name,
        l.units,
        l.gain,
        l.baseline,
        l.adcResolution,
        l.toMillivolts,
        l.sampleType,
      );
    });
    return id;
  }

  private toDetail(r: DetailDbRow): RecordingDetail {
    return {
      ...toSummary(r),
      leadInfo: this.leadsOf.all(r.id).map(toLeadInfo),
      sha256: r.sha256,
      comments: JSON.parse(r.comments) as string[],
      annotationSources: this.sourcesOf.all(r.id).map((s) => s.source),
    };
  }
}
