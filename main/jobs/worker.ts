/**
 * Runs one job on a worker thread. The worker posts `{ type: 'progress', fraction, message }`
 * any number of times, then `{ type: 'done', result }` or `{ type: 'error', message }`.
 * Cancelling terminates the thread and settles after it has stopped: its store writes are
 * transactions, so a job stopped half-way leaves nothing behind in the store (files are the
 * caller's to clean up on rejection).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { JobHandle } from './registry';

export type WorkerMessage<T> =
  | { type: 'progress'; fraction: number; message: string }
  | { type: 'done'; result: T }
  | { type: 'error'; message: string };

/** A built worker file (out/main/<name>.js) seen from a bundle in out/main or out/main/chunks. */
export function builtWorkerPath(fileName: string, dir: string = __dirname): string {
  const candidates = [join(dir, fileName), join(dir, '..', fileName)];
  return candidates.find((p) => existsSync(p)) ?? candidates[0];
}

export function runWorkerJob<T>(workerFile: string, data: unknown, job: JobHandle): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (job.signal.aborted) return reject(new Error('cancelled'));
    const worker = new Worker(workerFile, { workerData: data });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      job.signal.removeEventListener('abort', onAbort);
      fn();
    };
    // Settle only once the thread is gone, so nothing it does can follow "cancelled".
    const onAbort = () => {
      void worker.terminate().finally(() => settle(() => reject(new Error('cancelled'))));
    };
    job.signal.addEventListener('abort', onAbort);
    worker.on('message', (m: WorkerMessage<T>) => {
      if (m.type === 'progress') job.progress(m.fraction, m.message);
      else if (m.type === 'done') settle(() => resolve(m.result));
      else settle(() => reject(new Error(m.message)));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => {
      if (job.signal.aborted) return; // onAbort settles once the thread is gone
      settle(() => reject(new Error(`the worker stopped (exit code ${code}) before finishing`)));
    });
  });
}
