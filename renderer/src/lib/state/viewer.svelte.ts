/**
 * State of one open recording: the visible window, layout, cursor, and the signal cache behind it.
 * One instance per opened recording (the view component creates it and disposes it).
 */
import type { AnnotationRow, RecordingDetail } from '@common/types';
import type { DisplayFilters } from '../ecg/filters';
import { call } from '../api';
import { fittedRange, type FittedRange } from '../ecg/fitted';
import { SignalCache } from '../ecg/signalCache';
import { TWELVE_LEAD_SPAN_S, leadKey, twelveLeadGrid, type TwelveLeadGrid } from '../ecg/leads';
import { calZoneMm, pxPerSecond, type Gain, type Speed } from '../ecg/paper';
import { display } from './display.svelte';

export type LayoutMode = 'stacked' | 'grid12';

/** One click of the caliper tool. */
export interface CaliperPoint {
  /** Time (s). */
  t: number;
  /** Value at the click: mV, or the lead's own units when it is not a voltage. */
  value: number;
  /** Lead index clicked. */
  lead: number;
}

export interface LeadValue {
  index: number;
  name: string;
  units: string;
  value: number | null;
}

/**
 * The annotation source to show first: the reference file ("atr") when there is one, else the
 * source named after lead II (LUDB keeps one file per lead), else the first.
 */
export function defaultAnnotationSource(detail: RecordingDetail): string | null {
  const sources = detail.annotationSources;
  if (sources.length === 0) return null;
  if (sources.includes('atr')) return 'atr';
  const ii = sources.find((s) => leadKey(s) === 'ii');
  return ii ?? sources[0];
}

export class ViewerState {
  readonly detail: RecordingDetail;
  readonly grid12: TwelveLeadGrid | null;
  readonly cache: SignalCache;

  layout = $state<LayoutMode>('stacked');
  /** Width (CSS px) available for the paper, set by the view from its container. */
  paperWidthPx = $state(900);
  /** Requested first visible sample (clamped in `start`). */
  private rawStart = $state(0);
  /** Bumped whenever cached data changes, so derived values recompute. */
  version = $state(0);
  /** Cursor time in seconds, or null when the pointer is not over a trace. */
  cursorT = $state<number | null>(null);
  /** Annotation source shown (e.g. "atr"; LUDB has one per lead), or null for none. */
  annotationSource = $state<string | null>(null);
  /** Clicks on a trace place caliper lines instead of selecting beats. */
  caliperMode = $state(false);
  /** Up to two caliper points. */
  calipers = $state<CaliperPoint[]>([]);
  /**
   * Signals that are not voltages, by lead index: the range they are drawn fitted to (see
   * ../ecg/fitted.ts). Absent until loaded; such a lead draws nothing until then.
   */
  fitted = $state<Record<number, FittedRange>>({});

  constructor(detail: RecordingDetail) {
    this.detail = detail;
    this.grid12 = twelveLeadGrid(detail.leads);
    this.annotationSource = defaultAnnotationSource(detail);
    this.cache = new SignalCache({
      recordingId: detail.recordingId,
      fs: detail.fs,
      samples: detail.samples,
      annotations: detail.annotationCount > 0,
      filters: display.filters,
      onChange: () => this.version++,
    });
    void this.loadFittedRanges();
  }

  /** Whether lead `index` is drawn fitted to its row rather than on the mV scale. */
  isFitted(index: number): boolean {
    return this.detail.leadInfo[index]?.toMillivolts === null;
  }

  /** One reduced read of the whole recording for the non-voltage leads, for their ranges. */
  private async loadFittedRanges(): Promise<void> {
    const leads = this.detail.leadInfo.filter((l) => this.isFitted(l.index));
    if (leads.length === 0) return;
    try {
      const w = await call('signals.window', {
        recordingId: this.detail.recordingId,
        startSample: 0,
        endSample: this.detail.samples,
        leads: leads.map((l) => l.index),
        maxPoints: 2000,
      });
      const fitted: Record<number, FittedRange> = {};
      for (const l of w.leads) {
        const units = this.detail.leadInfo[l.index]?.units ?? '';
        const range = fittedRange(l.values, l.maxValues ?? l.values, units);
        if (range) fitted[l.index] = range;
      }
      this.fitted = fitted;
    } catch {
      // Left unfitted: those rows stay empty; the cursor readout still gives their values.
    }
  }

  get fs(): number {
    return this.detail.fs;
  }

  get samples(): number {
    return this.detail.samples;
  }

  get scale() {
    return { pxPerMm: display.pxPerMm, speed: display.speed, gain: display.gain };
  }

  /** CSS px of the calibration-pulse zone at the left of each row. */
  calZonePx = $derived(calZoneMm(display.speed) * display.pxPerMm);

  /** Seconds the view shows at the current speed and width. */
  viewSeconds = $derived.by(() => {
    if (this.layout === 'grid12') return TWELVE_LEAD_SPAN_S;
    const traceWidth = Math.max(50, this.paperWidthPx - this.calZonePx);
    return traceWidth / pxPerSecond(this.scale);
  });

  /** Samples in view (never more than the recording). */
  viewSamples = $derived.by(() =>
    Math.max(1, Math.min(this.detail.samples, Math.round(this.viewSeconds * this.detail.fs))),
  );

  /** First visible sample. */
  start = $derived.by(() =>
    Math.max(0, Math.min(this.detail.samples - this.viewSamples, Math.round(this.rawStart))),
  );

  /** One past the last visible sample. */
  end = $derived.by(() => Math.min(this.detail.samples, this.start + this.viewSamples));

  /** Loading/error state of the visible window. */
  loaded = $derived.by(() => {
    void this.version;
    return this.cache.isLoaded(this.start, this.end);
  });

  loadError = $derived.by(() => {
    void this.version;
    return this.cache.errorIn(this.start, this.end);
  });

  /** Annotations of the chosen source inside the view. */
  visibleAnnotations = $derived.by((): AnnotationRow[] => {
    void this.version;
    const source = this.annotationSource;
    if (source === null) return [];
    return this.cache.annotations(this.start, this.end).filter((a) => a.source === source);
  });

  /** Values of every lead at the cursor. */
  cursorValues = $derived.by((): LeadValue[] => {
    void this.version;
    const t = this.cursorT;
    const sample = t === null ? -1 : Math.round(t * this.detail.fs);
    return this.detail.leads.map((name, index) => ({
      index,
      name,
      units:
        this.detail.leadInfo[index]?.toMillivolts != null
          ? 'mV'
          : (this.detail.leadInfo[index]?.units ?? ''),
      value: t === null ? null : this.cache.valueAt(index, sample),
    }));
  });

  /** Reads the signal again through other display filters. */
  applyFilters(filters: DisplayFilters): void {
    if (this.cache.setFilters(filters)) {
      this.version++;
      this.cache.request(this.start, this.end);
    }
  }

  /** A caliper click: the first or second line; a third click starts a new measurement. */
  addCaliper(p: CaliperPoint): void {
    this.calipers = this.calipers.length >= 2 ? [p] : [...this.calipers, p];
  }

  clearCalipers(): void {
    this.calipers = [];
  }

  /** Scrolls so `sample` is in view with some margin; keeps the view when it already is. */
  reveal(sample: number): void {
    const margin = Math.round(this.viewSamples * 0.1);
    if (sample < this.start + margin || sample >= this.end - margin) this.centreOn(sample);
  }

  /** Loads what the current view needs (call from an effect). */
  sync(): void {
    this.cache.request(this.start, this.end);
  }

  retry(): void {
    this.cache.retry();
    this.cache.request(this.start, this.end);
    this.version++;
  }

  setLayout(mode: LayoutMode): void {
    if (mode === 'grid12' && !this.grid12) return;
    this.layout = mode;
  }

  /** Moves the first visible sample (clamped). */
  goTo(sample: number): void {
    this.rawStart = Math.max(0, Math.min(this.detail.samples - this.viewSamples, sample));
  }

  /** Centres the view on `sample`. */
  centreOn(sample: number): void {
    this.goTo(Math.round(sample - this.viewSamples / 2));
  }

  /** Pans by a fraction of the view (1 = one page to the right). */
  panPages(pages: number): void {
    this.goTo(this.start + Math.round(pages * this.viewSamples));
  }

  panSeconds(seconds: number): void {
    this.goTo(this.start + Math.round(seconds * this.detail.fs));
  }

  home(): void {
    this.goTo(0);
  }

  toEnd(): void {
    this.goTo(this.detail.samples - this.viewSamples);
  }

  get atStart(): boolean {
    return this.start <= 0;
  }

  get atEnd(): boolean {
    return this.end >= this.detail.samples;
  }

  /** Changes paper speed keeping `anchorSample` (default: the centre) at the same place on screen. */
  setSpeed(speed: Speed, anchorSample?: number): void {
    const anchor = anchorSample ?? this.start + this.viewSamples / 2;
    const frac = (anchor - this.start) / this.viewSamples;
    display.setSpeed(speed);
    this.goTo(Math.round(anchor - frac * this.viewSamples));
  }

  /** Wheel zoom: one step along the speed ladder around `anchorSample`. */
  zoom(dir: 1 | -1, anchorSample?: number): void {
    const anchor = anchorSample ?? this.start + this.viewSamples / 2;
    const frac = (anchor - this.start) / this.viewSamples;
    if (display.stepSpeed(dir)) this.goTo(Math.round(anchor - frac * this.viewSamples));
  }

  setGain(gain: Gain): void {
    display.setGain(gain);
  }

  dispose(): void {
    this.cache.dispose();
  }
}
