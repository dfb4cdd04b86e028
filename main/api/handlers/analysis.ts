/**
 * Handlers for the automatic analysis and its background jobs. The analysis runs through
 * `ctx.analysisRunner` (a worker thread in the app, in-process in tests); the registry keeps
 * the jobs' status for the renderer to poll.
 */
import type { AnalysisSummary } from '@common/types';
import type { JobHandle, JobRegistry } from '../../jobs/registry';
import type { Store } from '../../store';
import type { Handlers } from '../dispatch';
import { BadRequestError, NotFoundError } from '../errors';

export type ModelChoice = 'full' | 'pruned' | 'auto' | 'none';

export interface AnalysisRequest {
  /** Absent: the site's Full / Pruned / Auto setting (read by the runner). */
  model?: ModelChoice;
  /** Analysed lead name; the default lead when absent. */
  lead?: string;
}

export type AnalysisRunner = (
  recordingId: string,
  request: AnalysisRequest,
  job: JobHandle,
) => Promise<AnalysisSummary>;

export interface AnalysisContext {
  store: Store;
  jobs: JobRegistry;
  analysisRunner: AnalysisRunner;
}

type AnalysisHandlers = Pick<
  Handlers,
  'analysis.start' | 'analysis.get' | 'jobs.get' | 'jobs.list' | 'jobs.cancel'
>;

/** Starts the analysis of a recording as a job, unless one is already running for it. */
export function startAnalysis(ctx: AnalysisContext, recordingId: string, request: AnalysisRequest) {
  const running = ctx.jobs
    .list({ recordingId, activeOnly: true })
    .find((j) => j.kind === 'analysis');
  if (running) return running;
  return ctx.jobs.start('analysis', recordingId, async (job) => {
    await ctx.analysisRunner(recordingId, request, job);
  });
}

export function createAnalysisHandlers(ctx: AnalysisContext): AnalysisHandlers {
  const { store, jobs } = ctx;
  const requireRecording = (recordingId: string) => {
    if (!store.recordings.get(recordingId)) throw new NotFoundError(`No recording ${recordingId}`);
  };
  const requireJob = (jobId: string) => {
    const job = jobs.get(jobId);
    if (!job) throw new NotFoundError(`No job ${jobId}`);
    return job;
  };
  return {
    'analysis.start': ({ recordingId, model, lead }) => {
      const rec = store.recordings.get(recordingId);
      if (!rec) throw new NotFoundError(`No recording ${recordingId}`);
      if (lead !== undefined && !rec.leads.some((l) => l.toUpperCase() === lead.toUpperCase())) {
        throw new BadRequestError(
          `recording ${rec.recordName} has no lead ${lead} (leads: ${rec.leads.join(', ')})`,
        );
      }
      return startAnalysis(ctx, recordingId, { model, lead });
    },
    'analysis.get': ({ recordingId }) => {
      requireRecording(recordingId);
      return store.analyses.latest(recordingId);
    },
    'jobs.get': ({ jobId }) => requireJob(jobId),
    'jobs.list': ({ recordingId, activeOnly }) => jobs.list({ recordingId, activeOnly }),
    'jobs.cancel': ({ jobId }) => {
      requireJob(jobId);
      jobs.cancel(jobId);
      return requireJob(jobId);
    },
  };
}
