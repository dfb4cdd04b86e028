/**
 * The beats of one recording that the renderer has loaded, by sample, with ordered look-ups
 * (range, next, previous). Plain data: the reactive wrapper is `BeatState`.
 */
import type { BeatRow } from '@common/types';

/** First index in the ascending `arr` whose value is >= `x`. */
export function lowerBound(arr: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class BeatIndex {
  private readonly rows = new Map<number, BeatRow>();
  private order: number[] | null = null;
  /** Increases whenever a beat is added or removed (positions changed, not just labels). */
  positions = 0;

  get size(): number {
    return this.rows.size;
  }

  get(sample: number): BeatRow | undefined {
    return this.rows.get(sample);
  }

  put(row: BeatRow): void {
    if (!this.rows.has(row.sample)) {
      this.order = null;
      this.positions++;
    }
    this.rows.set(row.sample, row);
  }

  remove(sample: number): void {
    if (this.rows.delete(sample)) {
      this.order = null;
      this.positions++;
    }
  }

  clear(): void {
    this.rows.clear();
    this.order = null;
    this.positions++;
  }

  /** Every loaded beat's sample, ascending. */
  samples(): number[] {
    if (!this.order) this.order = [...this.rows.keys()].sort((a, b) => a - b);
    return this.order;
  }

  /** Beats with start <= sample < end, in order. */
  range(start: number, end: number): BeatRow[] {
    const s = this.samples();
    const out: BeatRow[] = [];
    for (let i = lowerBound(s, start); i < s.length && s[i] < end; i++) {
      out.push(this.rows.get(s[i])!);
    }
    return out;
  }

  /** The nearest beat to `sample` within `maxDist` samples, or null. */
  nearest(sample: number, maxDist: number): BeatRow | null {
    const s = this.samples();
    const i = lowerBound(s, sample);
    let best: number | null = null;
    for (const j of [i - 1, i]) {
      if (j < 0 || j >= s.length) continue;
      const d = Math.abs(s[j] - sample);
      if (d <= maxDist && (best === null || d < Math.abs(best - sample))) best = s[j];
    }
    return best === null ? null : this.rows.get(best)!;
  }

  /** The first beat strictly after (or before) `from` that satisfies `pred`. */
  step(
    from: number,
    direction: 'next' | 'previous',
    pred: (b: BeatRow) => boolean = () => true,
  ): BeatRow | null {
    const s = this.samples();
    if (direction === 'next') {
      for (let i = lowerBound(s, from + 1); i < s.length; i++) {
        const b = this.rows.get(s[i])!;
        if (pred(b)) return b;
      }
    } else {
      for (let i = lowerBound(s, from) - 1; i >= 0; i--) {
        const b = this.rows.get(s[i])!;
        if (pred(b)) return b;
      }
    }
    return null;
  }
}
