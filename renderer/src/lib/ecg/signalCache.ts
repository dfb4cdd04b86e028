/**
 * Windowed signal reading with a small block cache.
 *
 * The recording is split into fixed blocks of `blockSamples` samples. For a view [start, end) the
 * cache fetches the blocks the view touches first (raw samples via `signals.window`), then the
 * blocks of one view-length on either side, so panning by up to a page never waits. Blocks far from
 * the view are evicted; the whole recording is never loaded (unless it is shorter than the view
 * plus its neighbours, like a 10 s 12-lead).
 */
import type { AnnotationRow } from '@common/types';
import { call, errorMessage } from '../api';
import { filtersInput, sameFilters, type DisplayFilters } from './filters';

/** Seconds of signal per block. */
const BLOCK_SECONDS = 5;
/** Requests in flight at once. */
const CONCURRENCY = 3;

interface Block {
  status: 'loading' | 'ready' | 'error';
  /** Values per lead index (NaN where the file has no value). */
  leads: Map<number, Float32Array>;
  annotations: AnnotationRow[];
  lastUsed: number;
  error?: string;
}

export interface SignalCacheOptions {
  recordingId: string;
  fs: number;
  samples: number;
  /** Whether to fetch annotations with each block. */
  annotations: boolean;
  /** Display filters applied by the host (raw samples when absent or all off). */
  filters?: DisplayFilters;
  /** Called (coalesced) when new data arrived or a load failed. */
  onChange: () => void;
}

export class SignalCache {
  readonly blockSamples: number;
  private readonly blocks = new Map<number, Block>();
  private queue: number[] = [];
  private active = 0;
  private clock = 0;
  private disposed = false;
  private wanted = new Set<number>();
  private changeScheduled = false;
  private filters: DisplayFilters | undefined;
  /** Bumped when the filters change: answers to older requests are dropped. */
  private generation = 0;
  /** Requests sent so far (for diagnostics and tests). */
  requests = 0;

  constructor(private readonly opts: SignalCacheOptions) {
    this.blockSamples = Math.max(64, Math.round(opts.fs * BLOCK_SECONDS));
    this.filters = opts.filters;
  }

  /**
   * Switches the display filters: the signal is read again (annotations are kept). Returns
   * false when nothing changed.
   */
  setFilters(filters: DisplayFilters): boolean {
    if (this.filters && sameFilters(this.filters, filters)) return false;
    this.filters = { ...filters };
    this.generation++;
    this.blocks.clear();
    this.queue = [];
    this.active = 0;
    return true;
  }

  private blockRange(start: number, end: number): number[] {
    const out: number[] = [];
    if (end <= start) return out;
    const first = Math.floor(Math.max(0, start) / this.blockSamples);
    const last = Math.floor((Math.min(this.opts.samples, end) - 1) / this.blockSamples);
    for (let b = first; b <= last; b++) out.push(b);
    return out;
  }

  /** Ask for the view [start, end): its blocks first, then the neighbouring view-lengths. */
  request(start: number, end: number): void {
    if (this.disposed) return;
    const len = Math.max(1, end - start);
    const visible = this.blockRange(start, end);
    const around = this.blockRange(start - len, end + len).filter((b) => !visible.includes(b));
    // Nearest neighbours first.
    const mid = (start + end) / 2 / this.blockSamples;
    around.sort((a, b) => Math.abs(a + 0.5 - mid) - Math.abs(b + 0.5 - mid));
    this.clock++;
    for (const b of visible) {
      const blk = this.blocks.get(b);
      if (blk) blk.lastUsed = this.clock;
    }
    this.wanted = new Set([...visible, ...around]);
    // Replace the queue: blocks that were queued for an old view are no longer needed.
    this.queue = [...visible, ...around].filter((b) => !this.blocks.has(b));
    this.evict(Math.max(16, this.wanted.size * 2));
    this.pump();
  }

  /** Forget failed blocks so the next request retries them. */
  retry(): void {
    for (const [b, blk] of this.blocks) if (blk.status === 'error') this.blocks.delete(b);
  }

  /** First error among the blocks of [start, end), if any. */
  errorIn(start: number, end: number): string | null {
    for (const b of this.blockRange(start, end)) {
      const blk = this.blocks.get(b);
      if (blk?.status === 'error') return blk.error ?? 'Could not read the signal.';
    }
    return null;
  }

  /** True when every block of [start, end) is loaded. */
  isLoaded(start: number, end: number): boolean {
    return this.blockRange(start, end).every((b) => this.blocks.get(b)?.status === 'ready');
  }

  /** Values of `lead` over [start, end) in mV; null where not (yet) loaded or missing in the file. */
  read(lead: number, start: number, end: number): (number | null)[] {
    const n = Math.max(0, end - start);
    const out: (number | null)[] = new Array(n).fill(null);
    for (const b of this.blockRange(start, end)) {
      const blk = this.blocks.get(b);
      const vals = blk?.status === 'ready' ? blk.leads.get(lead) : undefined;
      if (!vals) continue;
      const b0 = b * this.blockSamples;
      const from = Math.max(start, b0);
      const to = Math.min(end, b0 + vals.length);
      for (let s = from; s < to; s++) {
        const v = vals[s - b0];
        out[s - start] = Number.isNaN(v) ? null : v;
      }
    }
    return out;
  }

  /** One sample of one lead, or null. */
  valueAt(lead: number, sample: number): number | null {
    if (sample < 0 || sample >= this.opts.samples) return null;
    const blk = this.blocks.get(Math.floor(sample / this.blockSamples));
    const vals = blk?.status === 'ready' ? blk.leads.get(lead) : undefined;
    if (!vals) return null;
    const v = vals[sample % this.blockSamples];
    return v === undefined || Number.isNaN(v) ? null : v;
  }

  /** Annotations with start <= sample < end that are loaded. */
  annotations(start: number, end: number): AnnotationRow[] {
    const out: AnnotationRow[] = [];
    for (const b of this.blockRange(start, end)) {
      const blk = this.blocks.get(b);
      if (blk?.status !== 'ready') continue;
      for (const a of blk.annotations) if (a.sample >= start && a.sample < end) out.push(a);
    }
    return out;
  }

  dispose(): void {
    this.disposed = true;
    this.queue = [];
    this.blocks.clear();
  }

  private pump(): void {
    while (!this.disposed && this.active < CONCURRENCY && this.queue.length > 0) {
      const b = this.queue.shift()!;
      if (this.blocks.has(b)) continue;
      void this.load(b);
    }
  }

  private async load(b: number): Promise<void> {
    const { recordingId, samples } = this.opts;
    const startSample = b * this.blockSamples;
    const endSample = Math.min(samples, startSample + this.blockSamples);
    const blk: Block = {
      status: 'loading',
      leads: new Map(),
      annotations: [],
      lastUsed: this.clock,
    };
    this.blocks.set(b, blk);
    this.active++;
    const generation = this.generation;
    const filters = this.filters ? filtersInput(this.filters) : undefined;
    try {
      this.requests++;
      const [win, ann] = await Promise.all([
        call('signals.window', {
          recordingId,
          startSample,
          endSample,
          ...(filters ? { filters } : {}),
        }),
        this.opts.annotations
          ? call('annotations.list', { recordingId, startSample, endSample })
          : Promise.resolve([] as AnnotationRow[]),
      ]);
      for (const lead of win.leads) {
        const arr = new Float32Array(lead.values.length);
        for (let i = 0; i < arr.length; i++) {
          const v = lead.values[i] as number | null;
          arr[i] = v === null || v === undefined ? NaN : v;
        }
        blk.leads.set(lead.index, arr);
      }
      blk.annotations = ann
        .filter((a) => a.sample >= startSample && a.sample < endSample)
        .sort((x, y) => x.sample - y.sample);
      blk.status = 'ready';
    } catch (err) {
      blk.status = 'error';
      blk.error = errorMessage(err);
    } finally {
      if (generation === this.generation) this.active--;
    }
    if (this.disposed || generation !== this.generation) return;
    this.scheduleChange();
    this.pump();
  }

  private scheduleChange(): void {
    if (this.changeScheduled) return;
    this.changeScheduled = true;
    const fire = () => {
      this.changeScheduled = false;
      if (!this.disposed) this.opts.onChange();
    };
    // A macrotask: blocks that arrive together cause one redraw.
    setTimeout(fire, 0);
  }

  private evict(keep: number): void {
    if (this.blocks.size <= keep) return;
    const candidates = [...this.blocks.entries()]
      .filter(([b, blk]) => !this.wanted.has(b) && blk.status !== 'loading')
      .sort((x, y) => x[1].lastUsed - y[1].lastUsed);
    let excess = this.blocks.size - keep;
    for (const [b] of candidates) {
      if (excess-- <= 0) break;
      this.blocks.delete(b);
    }
  }
}
