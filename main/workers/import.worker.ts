/**
 * Worker thread entry (built to out/main/import.worker.js): runs one import job against its
 * own store connection and posts progress, then the report, to the parent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { importRecordings } from '../import/import-recordings';
import { oneLine } from '../import/messages';
import type { ImportJobData, ImportWorkerMessage } from '../import/worker-protocol';
import { openStore } from '../store';

function post(msg: ImportWorkerMessage): void {
  parentPort?.postMessage(msg);
}

function run(job: ImportJobData): void {
  const store = openStore(job.dbPath);
  try {
    const report = importRecordings(store, job.inputs, {
      ...job.options,
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    post({ type: 'done', report });
  } finally {
    store.close();
  }
}

try {
  run(workerData as ImportJobData);
} catch (err) {
  post({ type: 'failed', message: oneLine(err) });
}
