/**
 * The composition root shared by both hosts (Electron main and the web host): open the store,
 * build the handlers with imports running on a worker thread, and close it all on exit.
 */
import type { AppInfo } from '@common/types';
import { workerAnalysisRunner } from '../analysis/run-in-worker';
import { workerImportRunner } from '../import';
import { openStore } from '../store';
import type { Handlers } from './dispatch';
import { createHandlers } from './handlers';
import type { AnalysisRunner } from './handlers/analysis';

export interface OpenApi {
  handlers: Handlers;
  storePath: string;
  close(): void;
}

export function openApi(storePath: string, host: AppInfo['host']): OpenApi {
  const store = openStore(storePath);
  // The model runtime lives in the analysis workers; remember the backend the last one used.
  let mlBackend: string | null = null;
  const runInWorker = workerAnalysisRunner(storePath);
  const analysisRunner: AnalysisRunner = async (recordingId, request, job) => {
    const summary = await runInWorker(recordingId, request, job);
    mlBackend = summary.mlBackend ?? mlBackend;
    return summary;
  };
  const handlers = createHandlers({
    store,
    storePath,
    host,
    importRunner: workerImportRunner(storePath),
    analysisRunner,
    mlBackend: () => mlBackend,
    autoAnalyze: 'setting',
  });
  return { handlers, storePath, close: () => store.close() };
}
