/**
 * The automatic analysis of one open recording: the newest result (`analysis.get`) and the
 * background job that produces it (`jobs.*`), polled while it runs.
 */
import type { AnalysisSummary, JobStatus } from '@common/types';
import { call, errorMessage } from '../api';
import { JobFollower } from './job-follower.svelte';

export class AnalysisState extends JobFollower {
  summary = $state<AnalysisSummary | null>(null);
  /** `analysis.get` answered at least once. */
  loaded = $state(false);
  private lead: string | undefined;
  private readonly onFinished: () => void;

  constructor(recordingId: string, onFinished: () => void) {
    super(recordingId);
    this.onFinished = onFinished;
  }

  async load(): Promise<void> {
    try {
      const [summary, jobs] = await Promise.all([
        call('analysis.get', { recordingId: this.recordingId }),
        call('jobs.list', { recordingId: this.recordingId }),
      ]);
      if (this.disposed) return;
      this.summary = summary;
      this.job = null;
      this.error = null;
      this.adopt(jobs, 'analysis');
    } catch (err) {
      if (!this.disposed) this.error = errorMessage(err);
    } finally {
      if (!this.disposed) this.loaded = true;
    }
  }

  /** Starts an analysis; `lead` picks the lead for beat positions and classes. */
  start(lead?: string): Promise<void> {
    this.lead = lead;
    return this.startJob();
  }

  protected request(): Promise<JobStatus> {
    return call('analysis.start', { recordingId: this.recordingId, lead: this.lead });
  }

  protected async finished(): Promise<void> {
    this.summary = await call('analysis.get', { recordingId: this.recordingId });
    if (!this.disposed) this.onFinished();
  }
}
