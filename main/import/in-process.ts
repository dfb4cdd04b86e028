import type { Store } from '../store';
import { importRecordings } from './import-recordings';
import type { ImportOptions, ImportRunner } from './types';

/** An ImportRunner on the caller's thread (CLI, tests, web host without workers). */
export function inProcessImportRunner(
  store: Store,
  opts: Omit<ImportOptions, 'onProgress'> = {},
): ImportRunner {
  return async (inputs, onProgress) => importRecordings(store, inputs, { ...opts, onProgress });
}
