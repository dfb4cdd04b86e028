/**
 * Background jobs (analysis now; probes and training later) as the renderer sees them: a
 * status to poll, progress, and cancellation. The work itself runs elsewhere (a worker
 * thread); a job here is its bookkeeping. Finished jobs are kept for a while so a window that
 * polls late still sees how they ended.
 */
import { randomUUID } from 'node:crypto';
import type { JobState, JobStatus } from '@common/types';

export interface JobHandle {
  /** Reports progress (0..1) with a short human message. */
  progress(fraction: number, message: string): void;
  /** Aborted when the user cancels. */
  signal: AbortSignal;
}

export type JobRunner = (job: JobHandle) => Promise<void>;

const KEEP_FINISHED = 200;

export class JobRegistry {
  private readonly jobs = new Map<string, { status: JobStatus; abort: AbortController }>();

  start(kind: string, recordingId: string | null, run: JobRunner): JobStatus {
    const jobId = randomUUID();
    const abort = new AbortController();
    const status: JobStatus = {
      jobId,
      kind,
      recordingId,
      state: 'running',
      progress: 0,
      message: 'starting',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      error: null,
    };
    this.jobs.set(jobId, { status, abort });
    const handle: JobHandle = {
      signal: abort.signal,
      progress: (fraction, message) => {
        if (status.state !== 'running') return;
        status.progress = Math.max(status.progress, Math.min(1, Math.max(0, fraction)));
        status.message = message;
      },
    };
    run(handle).then(
      () => this.finish(status, abort.signal.aborted ? 'cancelled' : 'done', null),
      (err: unknown) =>
        this.finish(
          status,
          abort.signal.aborted ? 'cancelled' : 'failed',
          abort.signal.aborted ? null : err instanceof Error ? err.message : String(err),
        ),
    );
    this.prune();
    return { ...status };
  }

  get(jobId: string): JobStatus | null {
    const job = this.jobs.get(jobId);
    return job ? { ...job.status } : null;
  }

  list(filter: { recordingId?: string; activeOnly?: boolean } = {}): JobStatus[] {
    return [...this.jobs.values()]
      .map((j) => ({ ...j.status }))
      .filter((s) => filter.recordingId === undefined || s.recordingId === filter.recordingId)
      .filter((s) => !filter.activeOnly || s.state === 'running' || s.state === 'queued');
  }

  /** True when the job was running and is now asked to stop. */
  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job || job.status.state !== 'running') return false;
    job.status.message = 'cancelling';
    job.abort.abort();
    return true;
  }

  /** Resolves when every running job has finished (used on shutdown and in tests). */
  async idle(pollMs = 20): Promise<void> {
    while (this.list({ activeOnly: true }).length > 0) {
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  private finish(status: JobStatus, state: JobState, error: string | null): void {
    status.state = state;
    status.error = error;
    status.finishedAt = new Date().toISOString();
    if (state === 'done') {
      status.progress = 1;
      status.message = 'done';
    } else {
      status.message = state === 'cancelled' ? 'cancelled' : `failed: ${error}`;
    }
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.status.finishedAt !== null);
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) {
      this.jobs.delete(j.status.jobId);
    }
  }
}
