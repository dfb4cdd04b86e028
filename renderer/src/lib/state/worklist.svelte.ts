/**
 * Worklist filters of the recording list: review status (unreviewed, in review, signed) and
 * beats that need a look (uncertain model labels, fragile beats). The facts come with every
 * recording in `recordings.list`; changes made in this window are applied at once and the
 * list is re-read after label edits so the counts stay true.
 */
import type { RecordingSummary, ReviewStatus } from '@common/types';
import { library } from './library.svelte';

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

class WorklistState {
  filter = $state<WorklistFilter>('all');
  /** Review status changed in this window since the list was read. */
  private changed = $state<Record<string, ReviewStatus>>({});
  /** Kept for the list's "checking…" hint; the facts arrive with the list itself. */
  busy = $state(false);

  /** Review status by recording id, for the list's badges. */
  status = $derived.by((): Record<string, ReviewStatus> => {
    const out: Record<string, ReviewStatus> = {};
    for (const r of library.recordings) out[r.recordingId] = r.reviewStatus;
    return { ...out, ...this.changed };
  });

  /** The list was (re)read: its own facts are now the newest. */
  async refresh(_recordings: RecordingSummary[], _force = false): Promise<void> {
    this.changed = {};
  }

  setFilter(f: WorklistFilter, _recordings: RecordingSummary[]): void {
    this.filter = f;
  }

  /** A recording's review status changed in the viewer. */
  setStatus(recordingId: string, status: ReviewStatus): void {
    this.changed = { ...this.changed, [recordingId]: status };
  }

  /** Labels changed: re-read the list so its uncertain/fragile counts follow. */
  forgetFlags(_recordingId: string): void {
    void library.refresh();
  }

  matches(r: RecordingSummary): boolean {
    switch (this.filter) {
      case 'all':
        return true;
      case 'unreviewed':
      case 'in_review':
      case 'signed':
        return (this.changed[r.recordingId] ?? r.reviewStatus) === this.filter;
      case 'uncertain':
        return r.uncertainBeats > 0;
      case 'fragile':
        return r.fragileBeats > 0;
    }
  }
}

export const worklist = new WorklistState();
