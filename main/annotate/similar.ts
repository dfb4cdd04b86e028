/**
 * "Relabel beats like this one": finds the beats whose morphology correlates with a chosen
 * beat. Each beat is a window of `windowMs` centred on its fiducial sample in one lead; a
 * least-squares line is removed from each window (baseline and its slope: wander would
 * otherwise dominate the correlation), then the Pearson correlation with the chosen beat's
 * window is compared with the threshold. Nothing is written; bulkRelabel applies a preview.
 */
import type { BeatLabel, BulkPreview, SimilarBeat } from '@common/types';
import { INVALID_SAMPLE } from '../formats/types';
import type { RecordingLayout, Store } from '../store';
import { LabelError } from './errors';

export interface SimilarQuery {
  recordingId: string;
  /** The chosen beat. */
  sample: number;
  /** The label the similar beats would get. */
  label: BeatLabel;
  /** Minimum correlation, default 0.9. */
  threshold?: number;
  lead?: number;
  windowMs?: number;
  /** Only consider beats that currently have this label. */
  onlyLabel?: BeatLabel;
}

export const DEFAULT_THRESHOLD = 0.9;
export const DEFAULT_WINDOW_MS = 200;
/** Samples read from the store at a time: whole-record reads of long Holters would not fit. */
const BLOCK = 1 << 18;

/** The window minus its least-squares line; null when it has a gap or no variation. */
export function detrended(values: Int32Array): Float64Array | null {
  const n = values.length;
  const xm = (n - 1) / 2;
  let ym = 0;
  for (let i = 0; i < n; i++) {
    if (values[i] === INVALID_SAMPLE) return null;
    ym += values[i];
  }
  ym /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - xm) * (values[i] - ym);
    sxx += (i - xm) * (i - xm);
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const out = new Float64Array(n);
  let energy = 0;
  for (let i = 0; i < n; i++) {
    out[i] = values[i] - ym - slope * (i - xm);
    energy += out[i] * out[i];
  }
  return energy > 0 ? out : null;
}

export function correlation(a: Float64Array, b: Float64Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return ab / Math.sqrt(aa * bb);
}

/** Reads a lead in blocks, serving windows of consecutive (sorted) beats from memory. */
class WindowReader {
  private start = 0;
  private data: Int32Array = new Int32Array(0);

  constructor(
    private readonly store: Store,
    private readonly layout: RecordingLayout,
    private readonly lead: number,
  ) {}

  window(center: number, half: number): Int32Array | null {
    const from = center - half;
    const to = center + half + 1;
    if (from < 0 || to > this.layout.samples) return null;
    if (from < this.start || to > this.start + this.data.length) {
      this.start = from;
      const end = Math.min(this.layout.samples, from + Math.max(BLOCK, to - from));
      this.data = this.store.signals.readDigital(this.layout, this.lead, from, end);
    }
    return this.data.subarray(from - this.start, to - this.start);
  }
}

export function previewSimilar(store: Store, q: SimilarQuery): BulkPreview {
  const threshold = q.threshold ?? DEFAULT_THRESHOLD;
  const lead = q.lead ?? 0;
  const windowMs = q.windowMs ?? DEFAULT_WINDOW_MS;
  if (!(threshold >= -1 && threshold <= 1)) {
    throw new LabelError('invalid', 'threshold must be between -1 and 1');
  }
  const layout = store.recordings.layout(q.recordingId);
  if (!layout) throw new LabelError('not-found', `no recording ${q.recordingId}`);
  if (!Number.isInteger(lead) || lead < 0 || lead >= layout.leads.length) {
    throw new LabelError(
      'invalid',
      `lead ${lead} does not exist (the recording has ${layout.leads.length})`,
    );
  }
  const half = Math.max(1, Math.round((windowMs / 2000) * layout.fs));
  const beats = store.beats.list(q.recordingId);
  if (!beats.some((b) => b.sample === q.sample)) {
    throw new LabelError(
      'not-found',
      `recording ${q.recordingId} has no beat at sample ${q.sample}`,
    );
  }
  const refRaw = new WindowReader(store, layout, lead).window(q.sample, half);
  const ref = refRaw && detrended(refRaw);
  if (!ref) {
    throw new LabelError(
      'invalid',
      `the beat at sample ${q.sample} is too near the recording's ends, or its window has gaps or no signal`,
    );
  }
  const reader = new WindowReader(store, layout, lead);
  let compared = 0;
  let similar = 0;
  const candidates: SimilarBeat[] = [];
  for (const b of beats) {
    if (q.onlyLabel !== undefined && b.label !== q.onlyLabel) continue;
    const raw = reader.window(b.sample, half);
    const w = raw && detrended(raw);
    if (!w) continue;
    compared++;
    const r = correlation(ref, w);
    if (r < threshold) continue;
    similar++;
    if (b.label !== q.label) {
      candidates.push({ sample: b.sample, label: b.label, correlation: Math.round(r * 1e4) / 1e4 });
    }
  }
  return {
    recordingId: q.recordingId,
    referenceSample: q.sample,
    label: q.label,
    threshold,
    lead,
    windowMs,
    compared,
    similar,
    candidates,
  };
}
