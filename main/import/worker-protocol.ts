import type { ImportReport } from '@common/types';
import type { ImportInput, ImportOptions, ImportProgress } from './types';

/** `workerData` of the import worker. */
export interface ImportJobData {
  dbPath: string;
  inputs: ImportInput[];
  options: Omit<ImportOptions, 'onProgress'>;
}

/** Messages the import worker posts to its parent. */
export type ImportWorkerMessage =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; report: ImportReport }
  | { type: 'failed'; message: string };
