/**
 * The automatic analysis of one open recording: the newest result (`analysis.get`) and the
 * background job that produces it (`jobs.*`), polled while it runs.
 */
import type { AnalysisSummary, JobStatus } from '@common/types';
import { call, errorMessage } from '../api';

/** How often a running job is polled (ms). */
const POLL_MS = 700;

export class AnalysisState {
  readonly recordingId: string;
  summary = $state<AnalysisSummary | null>(null);
  /** The newest analysis job of this recording in this session of the host, if any. */
  job = $state<JobStatus | null>(null);
  /** `analysis.get` answered at least once. */
  loaded = $state(false);
  error = $state<string | null>(null);
  /** A start or cancel request is on its way. */
  busy = $state(false);

  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private readonly onFinished: () => void;

  constructor(recordingId: string, onFinished: () => void) {
    this.recordingId = recordingId;
    this.onFinished = onFinished;
  }

  active = $derived(this.job?.state === 'queued' || this.job?.state === 'running');

  async load(): Promise<void> {
    try {
      const [summary, jobs] = await Promise.all([
        call('analysis.get', { recordingId: this.recordingId }),
        call('jobs.list', { recordingId: this.recordingId }),
      ]);
      if (this.disposed) return;
      this.summary = summary;
      this.job =
        jobs
          .filter((j) => j.kind === 'analysis')
          .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
          .at(-1) ?? null;
      this.error = null;
      if (this.active) this.schedule();
    } catch (err) {
      if (!this.disposed) this.error = errorMessage(err);
    } finally {
      if (!this.disposed) this.loaded = true;
    }
  }

  /** Starts an analysis; `lead` picks the lead for beat positions and classes. */
  async start(lead?: string): Promise<void> {
    this.busy = true;
    try {
      this.job = await call('analysis.start', { recordingId: this.recordingId, lead });
      this.error = null;
      this.schedule();
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.busy = false;
    }
  }

  async cancel(): Promise<void> {
    const job = this.job;
    if (!job) return;
    this.busy = true;
    try {
      this.job = await call('jobs.cancel', { jobId: job.jobId });
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.busy = false;
    }
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (this.disposed) return;
    this.timer = setTimeout(() => void this.poll(), POLL_MS);
  }

  private async poll(): Promise<void> {
    const job = this.job;
    if (!job || this.disposed) return;
    try {
      const now = await call('jobs.get', { jobId: job.jobId });
      if (this.disposed) return;
      this.job = now;
      if (now.state === 'queued' || now.state === 'running') {
        this.schedule();
        return;
      }
      if (now.state === 'done') {
        this.summary = await call('analysis.get', { recordingId: this.recordingId });
        this.onFinished();
      }
    } catch (err) {
      if (this.disposed) return;
      this.error = errorMessage(err);
      this.schedule();
    }
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }
}
