/**
 * A recording's background job of one kind (analysis, probe) as the renderer follows it:
 * start it, poll it while it runs, cancel it, and fetch the stored result when it is done.
 * Subclasses say how to start one and what to read afterwards.
 */
import type { JobStatus } from '@common/types';
import { call, errorMessage } from '../api';

/** How often a running job is polled (ms). */
const POLL_MS = 700;

export abstract class JobFollower {
  readonly recordingId: string;
  /** The newest job of this kind for this recording in this session of the host, if any. */
  job = $state<JobStatus | null>(null);
  error = $state<string | null>(null);
  /** A start or cancel request is on its way. */
  busy = $state(false);
  active = $derived(this.job?.state === 'queued' || this.job?.state === 'running');

  protected disposed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(recordingId: string) {
    this.recordingId = recordingId;
  }

  /** Asks the host to start a job (e.g. `analysis.start`). */
  protected abstract request(): Promise<JobStatus>;
  /** Reads the stored result once the job is done, then tells the owner. */
  protected abstract finished(): Promise<void>;

  /** The newest job of `kind` among the recording's jobs, followed if it still runs. */
  protected adopt(jobs: JobStatus[], kind: string): void {
    const newest = jobs
      .filter((j) => j.kind === kind)
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
      .at(-1);
    if (newest) this.job = newest;
    if (this.active) this.schedule();
  }

  protected async startJob(): Promise<void> {
    this.busy = true;
    try {
      this.job = await this.request();
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
      if (now.state === 'done') await this.finished();
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

/** Where a recording's job of one kind stands, as its status line shows it. */
export type JobPhase = 'loading' | 'none' | 'running' | 'failed' | 'cancelled' | 'done';

/** A follower that also holds the newest stored result of its jobs (analysis, probe run). */
export type ResultFollower = JobFollower & {
  summary: { createdAt: string } | null;
  /** The stored result was asked for and answered at least once. */
  loaded: boolean;
};

/**
 * The phase of `follower`'s job: running while it runs; failed or cancelled when the latest job
 * ended so without producing the result shown; done with a result; none once loaded without
 * one; loading before.
 */
export function jobPhase(follower: ResultFollower): JobPhase {
  const { job, summary } = follower;
  if (follower.active) return 'running';
  if (
    job &&
    (job.state === 'failed' || job.state === 'cancelled') &&
    (!summary || summary.createdAt < job.startedAt)
  ) {
    return job.state;
  }
  if (summary) return 'done';
  return follower.loaded ? 'none' : 'loading';
}
