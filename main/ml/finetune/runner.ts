/**
 * How the API runs a fine-tune: on a worker thread (the app: `out/main/finetune.worker.js`)
 * or in the calling thread (tools, tests). A cancelled run is terminated and its partial
 * folder removed after the thread has stopped; no version row is written by a run that did
 * not finish.
 */
import { rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ModelVersionInfo } from '@common/types';
import type { JobHandle } from '../../jobs/registry';
import { builtWorkerPath, type WorkerMessage } from '../../jobs/worker';
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
    const cleanup = () =>
      rmSync(partialFolder(dbPath, req.runId), { recursive: true, force: true });
    return new Promise<ModelVersionInfo>((resolve, reject) => {
      if (job.signal.aborted) return reject(new Error('cancelled'));
      const worker = new Worker(workerFile, { workerData: data });
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        job.signal.removeEventListener('abort', onAbort);
        fn();
      };
      const onAbort = () => {
        void worker.terminate().finally(() =>
          settle(() => {
            cleanup();
            reject(new Error('cancelled'));
          }),
        );
      };
      job.signal.addEventListener('abort', onAbort);
      worker.on('message', (m: WorkerMessage<ModelVersionInfo>) => {
        if (m.type === 'progress') job.progress(m.fraction, m.message);
        else if (m.type === 'done') settle(() => resolve(m.result));
        else
          settle(() => {
            cleanup();
            reject(new Error(m.message));
          });
      });
      worker.on('error', (err) => settle(() => (cleanup(), reject(err))));
      worker.on('exit', (code) => {
        if (job.signal.aborted) return; // onAbort settles once the thread is gone
        settle(() => {
          cleanup();
          reject(new Error(`the fine-tune worker stopped (exit code ${code}) before finishing`));
        });
      });
    });
  };
}
