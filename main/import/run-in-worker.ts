import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ImportReport } from '@common/types';
import type { ImportInput, ImportOptions, ImportProgress, ImportRunner } from './types';
import type { ImportJobData, ImportWorkerMessage } from './worker-protocol';

export const IMPORT_WORKER_FILE = 'import.worker.js';

/**
 * The built worker (out/main/import.worker.js). This module may be bundled into out/main or
 * into a shared chunk below it, so look beside it and one folder up.
 */
export function defaultWorkerPath(dir: string = __dirname): string {
  const candidates = [join(dir, IMPORT_WORKER_FILE), join(dir, '..', IMPORT_WORKER_FILE)];
  return candidates.find((p) => existsSync(p)) ?? candidates[0];
}

export interface WorkerImportOptions extends Omit<ImportOptions, 'onProgress'> {
  workerPath?: string;
}

/**
 * Runs an import on a worker thread with its own store connection, so the caller's thread
 * (Electron's main process) stays responsive. Progress arrives through `onProgress`.
 */
export function importInWorker(
  dbPath: string,
  inputs: ImportInput[],
  onProgress?: (progress: ImportProgress) => void,
  opts: WorkerImportOptions = {},
): Promise<ImportReport> {
  const { workerPath = defaultWorkerPath(), ...options } = opts;
  const data: ImportJobData = { dbPath, inputs, options };
  return new Promise<ImportReport>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void): void => {
      if (!settled) {
        settled = true;
        fn();
      }
    };
    const worker = new Worker(workerPath, { workerData: data });
    worker.on('message', (msg: ImportWorkerMessage) => {
      if (msg.type === 'progress') onProgress?.(msg.progress);
      else if (msg.type === 'done') settle(() => resolve(msg.report));
      else settle(() => reject(new Error(msg.message)));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`the import worker stopped (exit code ${code})`))),
    );
  });
}

/** An ImportRunner for the app host: every import on a worker thread against `dbPath`. */
export function workerImportRunner(dbPath: string, opts: WorkerImportOptions = {}): ImportRunner {
  return (inputs, onProgress) => importInWorker(dbPath, inputs, onProgress, opts);
}
