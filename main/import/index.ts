export { importRecordings } from './import-recordings';
export { inProcessImportRunner } from './in-process';
export { importInWorker, workerImportRunner, defaultWorkerPath } from './run-in-worker';
export type {
  ImportInput,
  ImportOptions,
  ImportOutcome,
  ImportProgress,
  ImportRunner,
  UploadedFiles,
} from './types';
