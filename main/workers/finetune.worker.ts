/**
 * Worker thread: one fine-tuning run of the beat model on the store's signed recordings
 * (main/ml/finetune/run.ts), with its own store connection; progress goes to the job.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ModelVersionInfo } from '@common/types';
import type { WorkerMessage } from '../jobs/worker';
import { runFinetune } from '../ml/finetune/run';
import type { FinetuneTrainOptions } from '../ml/finetune/train';
import { openStore } from '../store';

export interface FinetuneJobData {
  dbPath: string;
  user: string;
  runId: string;
  train?: Partial<FinetuneTrainOptions>;
  mitdbDir?: string;
  ds2Limit?: number;
}

const post = (m: WorkerMessage<ModelVersionInfo>) => parentPort?.postMessage(m);

async function run(data: FinetuneJobData): Promise<void> {
  const store = openStore(data.dbPath);
  try {
    const { dbPath: _db, ...opts } = data;
    const version = await runFinetune(store, {
      ...opts,
      onProgress: (fraction, message) => post({ type: 'progress', fraction, message }),
    });
    post({ type: 'done', result: version });
  } finally {
    store.close();
  }
}

run(workerData as FinetuneJobData).catch((err: unknown) =>
  post({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
);
