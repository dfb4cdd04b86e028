/**
 * How the API runs a fine-tune: on a worker thread (the app: `out/main/finetune.worker.js`)
 * or in the calling thread (tools, tests). A cancelled run is terminated and its partial
 * folder removed after the thread has stopped; no version row is written by a run that did
 * not finish.
 */
import { rmSync } from 'node:fs';
import type { ModelVersionInfo } from '@common/types';
import type { JobHandle } from '../../jobs/registry';
import { builtWorkerPath, runWorkerJob } from '../../jobs/worker';
import type { Store } from '../../store';
import type { FinetuneJobData } from '../../workers/finetune.worker';
import { partialFolder, runFinetune } from './run';

export interface FinetuneRequest {
  user: string;
  runId: string;
}

export type FinetuneRunner = (req: FinetuneRequest, job: JobHandle) => Promise<ModelVersionInfo>;

export type FinetuneSettings = Omit<FinetuneJobData, 'dbPath' | 'user' | 'runId'>;

export function inProcessFinetuneRunner(
  store: Store,
  settings: FinetuneSettings = {},
): FinetuneRunner {
  return (req, job) =>
    runFinetune(store, { ...settings, ...req, onProgress: (f, m) => job.progress(f, m) });
}

export function workerFinetuneRunner(
  dbPath: string,
  settings: FinetuneSettings = {},
  workerFile: string = builtWorkerPath('finetune.worker.js'),
): FinetuneRunner {
  return (req, job) => {
    const data: FinetuneJobData = { dbPath, ...settings, ...req };
    // Any run that does not finish (failed, cancelled) leaves no partial model folder.
    return runWorkerJob<ModelVersionInfo>(workerFile, data, job).catch((err: unknown) => {
      rmSync(partialFolder(dbPath, req.runId), { recursive: true, force: true });
      throw err;
    });
  };
}
