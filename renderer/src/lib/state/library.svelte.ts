/** The patient and recording lists in the left pane: search, patient filter, selection. */
import type { PatientRow, RecordingSummary } from '@common/types';
import { call, errorMessage } from '../api';

class LibraryState {
  patients = $state<PatientRow[]>([]);
  recordings = $state<RecordingSummary[]>([]);
  search = $state('');
  /** Show only this patient's recordings (null = all). */
  patientId = $state<string | null>(null);
  /** The recording open in the main pane. */
  selectedId = $state<string | null>(null);
  loading = $state(false);
  /** True once the first load finished (to tell "empty" from "not loaded yet"). */
  loaded = $state(false);
  error = $state<string | null>(null);

  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  selected = $derived(this.recordings.find((r) => r.recordingId === this.selectedId) ?? null);

  async refresh(): Promise<void> {
    const seq = ++this.seq;
    this.loading = true;
    const search = this.search.trim() || undefined;
    try {
      const [patients, recordings] = await Promise.all([
        call('patients.list', search ? { search } : {}),
        call('recordings.list', {
          ...(search ? { search } : {}),
          ...(this.patientId ? { patientId: this.patientId } : {}),
        }),
      ]);
      if (seq !== this.seq) return;
      this.patients = patients;
      this.recordings = recordings;
      this.error = null;
    } catch (err) {
      if (seq !== this.seq) return;
      this.error = errorMessage(err);
    } finally {
      if (seq === this.seq) {
        this.loading = false;
        this.loaded = true;
      }
    }
  }

  /** Updates the search text and refreshes after a short pause in typing. */
  setSearch(text: string): void {
    this.search = text;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), 200);
  }

  /** Filters recordings by patient; selecting the same patient again clears the filter. */
  togglePatient(patientId: string): void {
    this.patientId = this.patientId === patientId ? null : patientId;
    void this.refresh();
  }

  clearPatient(): void {
    this.patientId = null;
    void this.refresh();
  }

  select(recordingId: string | null): void {
    this.selectedId = recordingId;
  }
}

export const library = new LibraryState();
