import type Database from 'better-sqlite3';
import type { BeatCounts, BeatLabel, BeatRow, BeatSource } from '@common/types';
import { nowIso } from '../sql-util';
import type {
  BeatFilter,
  BeatWrite,
  ModelBeat,
  ReplaceModelOptions,
  ReplaceModelResult,
} from '../types';

interface BeatDbRow {
  sample: number;
  label: BeatLabel;
  source: BeatSource;
  user: string | null;
  model_version: string | null;
  model_label: BeatLabel | null;
  confidence: number | null;
  probs: string | null;
  fragile: number | null;
  flip_epsilon: number | null;
  updated_at: string;
}

type BeatParams = Omit<BeatDbRow, 'updated_at'> & { id: string; at: string };

const COLUMNS = `sample, label, source, user, model_version, model_label, confidence, probs,
  fragile, flip_epsilon, updated_at`;

function toRow(r: BeatDbRow): BeatRow {
  return {
    sample: r.sample,
    label: r.label,
    source: r.source,
    user: r.user,
    modelVersion: r.model_version,
    modelLabel: r.model_label,
    confidence: r.confidence,
    probs: r.probs === null ? null : (JSON.parse(r.probs) as BeatRow['probs']),
    fragile: r.fragile === null ? null : r.fragile === 1,
    flipEpsilon: r.flip_epsilon,
    updatedAt: r.updated_at,
  };
}

function toParams(recordingId: string, b: BeatWrite, at: string): BeatParams {
  return {
    id: recordingId,
    sample: b.sample,
    label: b.label,
    source: b.source,
    user: b.user,
    model_version: b.modelVersion,
    model_label: b.modelLabel,
    confidence: b.confidence,
    probs: b.probs === null ? null : JSON.stringify(b.probs),
    fragile: b.fragile === null ? null : b.fragile ? 1 : 0,
    flip_epsilon: b.flipEpsilon,
    at,
  };
}

const LABELS: readonly BeatLabel[] = ['N', 'S', 'V', 'F', 'Q'];
const SOURCES: readonly BeatSource[] = ['model', 'user', 'reference'];

/** Index of the first element of sorted `xs` that is >= x. */
function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The element of sorted `xs` nearest to x within `tolerance`, or -1. */
function nearestWithin(xs: readonly number[], x: number, tolerance: number): number {
  const i = lowerBound(xs, x);
  let best = -1;
  for (const j of [i - 1, i]) {
    if (j < 0 || j >= xs.length || Math.abs(xs[j] - x) > tolerance) continue;
    if (best < 0 || Math.abs(xs[j] - x) < Math.abs(xs[best] - x)) best = j;
  }
  return best;
}

/**
 * Beat labels, one row per (recording, fiducial sample). Low level: no permission, review or
 * audit checks; the label service (main/annotate) does those around these calls.
 */
export class BeatsRepo {
  private readonly rangeStmt: Database.Statement<
    { id: string; start: number | null; end: number | null; label: string | null },
    BeatDbRow
  >;
  private readonly getStmt: Database.Statement<[string, number], BeatDbRow>;
  private readonly nextStmt: Database.Statement<Record<string, unknown>, BeatDbRow>;
  private readonly prevStmt: Database.Statement<Record<string, unknown>, BeatDbRow>;
  private readonly countStmt: Database.Statement<
    [string],
    { label: BeatLabel; source: BeatSource; n: number }
  >;
  private readonly upsertStmt: Database.Statement<BeatParams>;
  private readonly insertIgnoreStmt: Database.Statement<BeatParams>;
  private readonly deleteStmt: Database.Statement<[string, number]>;
  private readonly mergeStmt: Database.Statement<BeatParams>;
  private readonly tombstoneStmt: Database.Statement<[string, number, string, string]>;
  private readonly untombstoneStmt: Database.Statement<[string, number]>;
  private readonly tombstonesStmt: Database.Statement<[string], { sample: number }>;
  private readonly probeStmt: Database.Statement<[number | null, number | null, string, number]>;

  constructor(private readonly db: Database.Database) {
    this.rangeStmt = db.prepare(
      `SELECT ${COLUMNS} FROM beats
       WHERE recording_id = :id AND (:start IS NULL OR sample >= :start)
         AND (:end IS NULL OR sample < :end) AND (:label IS NULL OR label = :label)
       ORDER BY sample`,
    );
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM beats WHERE recording_id = ? AND sample = ?`);
    const filter = `recording_id = :id
         AND (:label IS NULL OR label = :label)
         AND (:maxConfidence IS NULL OR (confidence IS NOT NULL AND confidence < :maxConfidence))
         AND (:fragile IS NULL OR fragile = :fragile)
         AND (:source IS NULL OR source = :source)
         AND (:unconfirmed = 0 OR source <> 'user')`;
    this.nextStmt = db.prepare(
      `SELECT ${COLUMNS} FROM beats WHERE ${filter} AND sample > :from ORDER BY sample LIMIT 1`,
    );
    this.prevStmt = db.prepare(
      `SELECT ${COLUMNS} FROM beats WHERE ${filter} AND sample < :from
       ORDER BY sample DESC LIMIT 1`,
    );
    this.countStmt = db.prepare(
      'SELECT label, source, count(*) AS n FROM beats WHERE recording_id = ? GROUP BY label, source',
    );
    const values = `(:id, :sample, :label, :source, :user, :model_version, :model_label,
       :confidence, :probs, :fragile, :flip_epsilon, :at)`;
    const insert = `INSERT INTO beats (recording_id, sample, label, source, user, model_version,
       model_label, confidence, probs, fragile, flip_epsilon, updated_at) VALUES ${values}`;
    this.upsertStmt = db.prepare(
      `${insert} ON CONFLICT (recording_id, sample) DO UPDATE SET
         label = excluded.label, source = excluded.source, user = excluded.user,
         model_version = excluded.model_version, model_label = excluded.model_label,
         confidence = excluded.confidence, probs = excluded.probs, fragile = excluded.fragile,
         flip_epsilon = excluded.flip_epsilon, updated_at = excluded.updated_at`,
    );
    this.insertIgnoreStmt = db.prepare(`${insert} ON CONFLICT (recording_id, sample) DO NOTHING`);
    this.deleteStmt = db.prepare('DELETE FROM beats WHERE recording_id = ? AND sample = ?');
    this.mergeStmt = db.prepare(
      `UPDATE beats SET model_version = :model_version, model_label = :model_label,
         confidence = :confidence, probs = :probs, fragile = :fragile,
         flip_epsilon = :flip_epsilon, updated_at = :at
       WHERE recording_id = :id AND sample = :sample`,
    );
    this.tombstoneStmt = db.prepare(
      `INSERT INTO beat_deletions (recording_id, sample, user, deleted_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (recording_id, sample) DO UPDATE SET user = excluded.user,
         deleted_at = excluded.deleted_at`,
    );
    this.untombstoneStmt = db.prepare(
      'DELETE FROM beat_deletions WHERE recording_id = ? AND sample = ?',
    );
    this.tombstonesStmt = db.prepare(
      'SELECT sample FROM beat_deletions WHERE recording_id = ? ORDER BY sample',
    );
    // The probe's verdict is about the model, not the label: it leaves label, source and
    // updated_at alone (a probe is not an edit and is not audited as one).
    this.probeStmt = db.prepare(
      'UPDATE beats SET fragile = ?, flip_epsilon = ? WHERE recording_id = ? AND sample = ?',
    );
  }

  /** Stores probe results per beat sample; returns how many beats were updated. */
  setProbeResults(
    recordingId: string,
    results: readonly { sample: number; fragile: boolean; flipEpsilon: number | null }[],
  ): number {
    let n = 0;
    for (const r of results)
      n += this.probeStmt.run(r.fragile ? 1 : 0, r.flipEpsilon, recordingId, r.sample).changes;
    return n;
  }

  /** Beats in [startSample, endSample) (whole recording when absent), in sample order. */
  list(
    recordingId: string,
    range: { startSample?: number; endSample?: number; label?: BeatLabel } = {},
  ): BeatRow[] {
    return this.rangeStmt
      .all({
        id: recordingId,
        start: range.startSample ?? null,
        end: range.endSample ?? null,
        label: range.label ?? null,
      })
      .map(toRow);
  }

  get(recordingId: string, sample: number): BeatRow | null {
    const r = this.getStmt.get(recordingId, sample);
    return r ? toRow(r) : null;
  }

  /** The first beat after (`next`) or before (`previous`) `from` that matches `filter`. */
  find(
    recordingId: string,
    from: number,
    direction: 'next' | 'previous',
    filter: BeatFilter = {},
  ): BeatRow | null {
    const params = {
      id: recordingId,
      from,
      label: filter.label ?? null,
      maxConfidence: filter.maxConfidence ?? null,
      fragile: filter.fragile === undefined ? null : filter.fragile ? 1 : 0,
      source: filter.source ?? null,
      unconfirmed: filter.unconfirmedOnly ? 1 : 0,
    };
    const r = (direction === 'next' ? this.nextStmt : this.prevStmt).get(params);
    return r ? toRow(r) : null;
  }

  counts(recordingId: string): BeatCounts {
    const out: BeatCounts = {
      total: 0,
      byLabel: Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<BeatLabel, number>,
      bySource: Object.fromEntries(SOURCES.map((s) => [s, 0])) as Record<BeatSource, number>,
    };
    for (const r of this.countStmt.all(recordingId)) {
      out.total += r.n;
      out.byLabel[r.label] += r.n;
      out.bySource[r.source] += r.n;
    }
    return out;
  }

  /** Inserts the beat or overwrites the one at its sample. */
  put(recordingId: string, beat: BeatWrite, at: string = nowIso()): void {
    this.upsertStmt.run(toParams(recordingId, beat, at));
  }

  /** Removes the beat at `sample`; with `deletedBy`, remembers that a person removed it. */
  remove(recordingId: string, sample: number, deletedBy?: string, at: string = nowIso()): boolean {
    const removed = this.deleteStmt.run(recordingId, sample).changes > 0;
    if (deletedBy !== undefined) this.tombstoneStmt.run(recordingId, sample, deletedBy, at);
    return removed;
  }

  /** Forgets a deletion at `sample` (a person put a beat there again). */
  clearDeletion(recordingId: string, sample: number): void {
    this.untombstoneStmt.run(recordingId, sample);
  }

  /** Samples where people deleted beats. */
  deletedSamples(recordingId: string): number[] {
    return this.tombstonesStmt.all(recordingId).map((r) => r.sample);
  }

  /** Inserts reference beats where the recording has no beat yet; returns how many. */
  insertReference(
    recordingId: string,
    beats: readonly { sample: number; label: BeatLabel }[],
    at: string = nowIso(),
  ): number {
    let n = 0;
    for (const b of beats) {
      const write: BeatWrite = {
        sample: b.sample,
        label: b.label,
        source: 'reference',
        user: null,
        modelVersion: null,
        modelLabel: null,
        confidence: null,
        probs: null,
        fragile: null,
        flipEpsilon: null,
      };
      n += this.insertIgnoreStmt.run(toParams(recordingId, write, at)).changes;
    }
    return n;
  }

  /**
   * Replaces a recording's model output by `beats` (from `modelVersion`) in one transaction.
   * Beats of the kept sources (default: people's and reference beats) stay; a model beat that
   * falls on one of them only updates its model_* fields; a model beat where a person deleted
   * one is dropped while people's beats are kept.
   */
  replaceModelBeats(
    recordingId: string,
    modelVersion: string,
    beats: readonly ModelBeat[],
    opts: ReplaceModelOptions = {},
  ): ReplaceModelResult {
    const keep = new Set<BeatSource>(opts.keep ?? ['user', 'reference']);
    const tolerance = Math.max(0, Math.floor(opts.mergeWithinSamples ?? 0));
    return this.db.transaction((): ReplaceModelResult => {
      const at = nowIso();
      const existing = this.list(recordingId);
      const kept = existing.filter((b) => keep.has(b.source)).map((b) => b.sample);
      for (const b of existing) if (!keep.has(b.source)) this.deleteStmt.run(recordingId, b.sample);
      const deleted = keep.has('user') ? this.deletedSamples(recordingId) : [];
      const result: ReplaceModelResult = {
        inserted: 0,
        merged: 0,
        removed: existing.length - kept.length,
        kept: kept.length,
        suppressed: 0,
      };
      for (const m of [...beats].sort((a, b) => a.sample - b.sample)) {
        const write: BeatWrite = {
          sample: m.sample,
          label: m.label,
          source: 'model',
          user: null,
          modelVersion,
          modelLabel: m.label,
          confidence: m.confidence,
          probs: m.probs,
          fragile: m.fragile ?? null,
          flipEpsilon: m.flipEpsilon ?? null,
        };
        const near = nearestWithin(kept, m.sample, tolerance);
        if (near >= 0) {
          this.mergeStmt.run(toParams(recordingId, { ...write, sample: kept[near] }, at));
          result.merged++;
        } else if (nearestWithin(deleted, m.sample, tolerance) >= 0) {
          result.suppressed++;
        } else {
          this.upsertStmt.run(toParams(recordingId, write, at));
          result.inserted++;
        }
      }
      return result;
    })();
  }
}
