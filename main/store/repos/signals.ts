import type Database from 'better-sqlite3';
import type { SignalWindow } from '@common/types';
import { decodeChunkInto, encodeChunk } from '../chunks';
import { minMaxColumns, reductionStep, toPhysical } from '../reduce';
import type { RecordingLayout, SampleType } from '../types';
import type { RecordingsRepo } from './recordings';

/** A lead index the recording does not have. */
export class InvalidLeadError extends RangeError {
  constructor(
    readonly lead: number,
    readonly leadCount: number,
  ) {
    super(`lead ${lead} does not exist (the recording has ${leadCount} leads)`);
    this.name = 'InvalidLeadError';
  }
}

export class SignalsRepo {
  private readonly insertChunk: Database.Statement<[string, number, number, Buffer]>;
  private readonly selectChunks: Database.Statement<
    [string, number, number, number],
    { chunk_idx: number; data: Buffer }
  >;

  constructor(
    db: Database.Database,
    private readonly recordings: RecordingsRepo,
  ) {
    this.insertChunk = db.prepare(
      'INSERT INTO signal_chunks (recording_id, lead_idx, chunk_idx, data) VALUES (?, ?, ?, ?)',
    );
    this.selectChunks = db.prepare(
      `SELECT chunk_idx, data FROM signal_chunks
       WHERE recording_id = ? AND lead_idx = ? AND chunk_idx BETWEEN ? AND ?
       ORDER BY chunk_idx`,
    );
  }

  /** Stores a whole lead as chunks of `chunkLen` samples; `type` must fit its values. */
  writeLead(
    recordingId: string,
    leadIdx: number,
    digital: Int32Array,
    chunkLen: number,
    type: SampleType,
  ): void {
    for (let k = 0, start = 0; start < digital.length; k++, start += chunkLen) {
      const end = Math.min(digital.length, start + chunkLen);
      this.insertChunk.run(recordingId, leadIdx, k, encodeChunk(digital, start, end, type));
    }
  }

  /**
   * Digital samples [start, end) of one lead (end clamped to the recording), reading only the
   * chunks that overlap the window. "No sample" is INVALID_SAMPLE.
   */
  readDigital(layout: RecordingLayout, leadIdx: number, start: number, end: number): Int32Array {
    const lead = layout.leads[leadIdx];
    if (!lead) throw new InvalidLeadError(leadIdx, layout.leads.length);
    const to = Math.min(end, layout.samples);
    const from = Math.min(start, to);
    const out = new Int32Array(to - from);
    if (to === from) return out;
    const len = layout.chunkLen;
    const first = Math.floor(from / len);
    const last = Math.floor((to - 1) / len);
    let filled = 0;
    for (const c of this.selectChunks.iterate(layout.recordingId, leadIdx, first, last)) {
      const base = c.chunk_idx * len;
      const a = Math.max(from, base) - base;
      const b = Math.min(to, base + len) - base;
      decodeChunkInto(c.data, lead.sampleType, a, b, out, base + a - from);
      filled += b - a;
    }
    if (filled !== out.length) {
      throw new Error(
        `recording ${layout.recordingId} lead ${leadIdx}: signal chunks missing in [${from}, ${to})`,
      );
    }
    return out;
  }

  /**
   * A window for display, in millivolts (physical units when the lead is not a voltage),
   * "no sample" as NaN; reduced to min/max columns when it has more than `maxPoints` samples.
   * Null when the recording does not exist.
   */
  readWindow(
    recordingId: string,
    startSample: number,
    endSample: number,
    leads?: number[],
    maxPoints?: number,
  ): SignalWindow | null {
    const layout = this.recordings.layout(recordingId);
    if (!layout) return null;
    const wanted = leads ?? layout.leads.map((l) => l.index);
    for (const i of wanted) {
      if (!layout.leads[i]) throw new InvalidLeadError(i, layout.leads.length);
    }
    const end = Math.min(endSample, layout.samples);
    const start = Math.min(startSample, end);
    const step = reductionStep(end - start, maxPoints);
    return {
      recordingId,
      fs: layout.fs,
      startSample: start,
      endSample: end,
      step,
      leads: wanted.map((i) => {
        const lead = layout.leads[i];
        const digital = this.readDigital(layout, i, start, end);
        const phys = (d: Int32Array): number[] =>
          toPhysical(d, lead.baseline, lead.gain, lead.toMillivolts);
        if (step === 1) return { index: i, name: lead.name, values: phys(digital) };
        const { min, max } = minMaxColumns(digital, step);
        const [lo, hi] = lead.gain * (lead.toMillivolts ?? 1) < 0 ? [max, min] : [min, max];
        return { index: i, name: lead.name, values: phys(lo), maxValues: phys(hi) };
      }),
    };
  }
}
