/**
 * Worker thread: the automatic analysis of one stored recording, with its own store
 * connection, so the main process (and the window) never wait on it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { AnalysisSummary } from '@common/types';
import { analyzeStoredRecording } from '../analysis/run-stored';
import { loadAppClassifier } from '../analysis/app-classifier';
import { readBeatModelSetting } from '../analysis/model-setting';
import { installedFindings } from '../analysis/findings-step';
import type { WorkerMessage } from '../jobs/worker';
import { openStore } from '../store';

export interface AnalysisJobData {
  dbPath: string;
  recordingId: string;
  /** Beat model: "full", "pruned" or "auto"; "none" = models off; absent = the site setting. */
  model?: 'full' | 'pruned' | 'auto' | 'none';
  /** Analysed lead name; the default lead when absent. */
  lead?: string;
}

const post = (m: WorkerMessage<AnalysisSummary>) => parentPort?.postMessage(m);

async function run(data: AnalysisJobData): Promise<void> {
  const store = openStore(data.dbPath);
  try {
    // The store's active model version (a site fine-tune) when one is set, else the shipped one.
    const model = data.model ?? readBeatModelSetting(store);
    const classifier = model === 'none' ? null : await loadAppClassifier(model, { store });
    const summary = await analyzeStoredRecording(store, data.recordingId, {
      classifier,
      findings: model === 'none' ? null : installedFindings,
      lead: data.lead,
      onProgress: (fraction, message) => post({ type: 'progress', fraction, message }),
    });
    post({ type: 'done', result: summary });
  } finally {
    store.close();
  }
}

run(workerData as AnalysisJobData).catch((err: unknown) =>
  post({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
);
