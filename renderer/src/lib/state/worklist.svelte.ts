/**
 * Worklist filters of the recording list: review status (unreviewed, in review, signed) and
 * beats that need a look (uncertain model labels, fragile beats).
 *
 * `recordings.list` does not carry these facts, so they are asked per recording (review.get,
 * beats.find), a few at a time, and cached. Fine for a clinic's worklist of tens or hundreds of
 * recordings; a store of thousands needs them in `recordings.list` (asked of the lead).
 */
import type { RecordingSummary, ReviewStatus } from '@common/types';
import { call } from '../api';
import { LOW_CONFIDENCE } from '../ecg/beats';

export type WorklistFilter =
  'all' | 'unreviewed' | 'in_review' | 'signed' | 'uncertain' | 'fragile';

export const WORKLIST_FILTERS: { value: WorklistFilter; label: string }[] = [
  { value: 'all', label: 'All recordings' },
  { value: 'unreviewed', label: 'Unreviewed' },
  { value: 'in_review', label: 'In review' },
  { value: 'signed', label: 'Signed' },
  { value: 'uncertain', label: 'Has uncertain beats' },
  { value: 'fragile', label: 'Has fragile beats' },
];

const CONCURRENCY = 4;

/**
 * Whether a recording has a beat the model labelled with low confidence (or a fragile beat).
 * The host's filter also returns reference beats with a low model confidence, which the viewer
 * does not call uncertain: those are skipped (a few at most, then it gives up: "yes").
 */
async function hasFlagged(recordingId: string, key: 'uncertain' | 'fragile'): Promise<boolean> {
  // Sample 0 itself is not "after" 0; close enough for a worklist.
  let from = 0;
  for (let i = 0; i < 20; i++) {
    const hit = await call('beats.find', {
      recordingId,
      fromSample: from,
      direction: 'next',
      ...(key === 'uncertain'
        ? { maxConfidence: LOW_CONFIDENCE, unconfirmedOnly: true }
        : { fragile: true }),
    });
    if (!hit) return false;
    if (key === 'fragile' || hit.source === 'model') return true;
    from = hit.sample;
  }
  return true;
}

async function pool<T>(items: T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}

class WorklistState {
  filter = $state<WorklistFilter>('all');
  /** Review status by recording id (absent: not known yet). */
  status = $state<Record<string, ReviewStatus>>({});
  uncertain = $state<Record<string, boolean>>({});
  fragile = $state<Record<string, boolean>>({});
  /** Facts are still being gathered for the current filter. */
  busy = $state(false);

  /** Gathers what the list shows (review status) and what the filter needs. */
  async refresh(recordings: RecordingSummary[], force = false): Promise<void> {
    this.busy = true;
    try {
      const need = (known: Record<string, unknown>) =>
        recordings.filter((r) => force || !(r.recordingId in known));
      await pool(need(this.status), async (r) => {
        try {
          const s = await call('review.get', { recordingId: r.recordingId });
          this.status = { ...this.status, [r.recordingId]: s.status };
        } catch {
          /* the badge is a convenience */
        }
      });
      if (this.filter === 'uncertain' || this.filter === 'fragile') {
        const key = this.filter;
        await pool(need(this[key]), async (r) => {
          try {
            this[key] = { ...this[key], [r.recordingId]: await hasFlagged(r.recordingId, key) };
          } catch {
            /* unknown: left out of the filter */
          }
        });
      }
    } finally {
      this.busy = false;
    }
  }

  setFilter(f: WorklistFilter, recordings: RecordingSummary[]): void {
    this.filter = f;
    void this.refresh(recordings);
  }

  /** A recording's review status changed in the viewer. */
  setStatus(recordingId: string, status: ReviewStatus): void {
    this.status = { ...this.status, [recordingId]: status };
  }

  /** Labels changed: the uncertain/fragile facts may have too. */
  forgetFlags(recordingId: string): void {
    const { [recordingId]: _u, ...u } = this.uncertain;
    const { [recordingId]: _f, ...f } = this.fragile;
    this.uncertain = u;
    this.fragile = f;
  }

  matches(r: RecordingSummary): boolean {
    switch (this.filter) {
      case 'all':
        return true;
      case 'unreviewed':
      case 'in_review':
      case 'signed':
        return this.status[r.recordingId] === this.filter;
      case 'uncertain':
        return this.uncertain[r.recordingId] === true;
      case 'fragile':
        return this.fragile[r.recordingId] === true;
    }
  }
}

export const worklist = new WorklistState();
