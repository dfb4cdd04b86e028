/**
 * The app's analysis runner: each analysis on a worker thread with its own store connection
 * (the built `out/main/analysis.worker.js`), so the main process stays responsive.
 */
import type { AnalysisSummary } from '@common/types';
import type { AnalysisRunner } from '../api/handlers/analysis';
import { builtWorkerPath, runWorkerJob } from '../jobs/worker';
import type { AnalysisJobData } from '../workers/analysis.worker';

export function workerAnalysisRunner(dbPath: string, workerFile?: string): AnalysisRunner {
  const file = workerFile ?? builtWorkerPath('analysis.worker.js');
  return (recordingId, request, job) => {
    const data: AnalysisJobData = { dbPath, recordingId, ...request };
    return runWorkerJob<AnalysisSummary>(file, data, job);
  };
}
