/**
 * Worker thread: the adversarial-sensitivity probe of a stored recording (every beat) or of
 * one beat, with its own store connection and model runtime, so neither the main process nor
 * the window waits on the attacks.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerMessage } from '../jobs/worker';
import { beatProbeView, probeModel, type ProbeJobData } from '../analysis/probe-runner';
import { probeStoredFindings, probeStoredRecording } from '../analysis/probe-stored';
import { openStore } from '../store';

const post = (m: WorkerMessage<unknown>) => parentPort?.postMessage(m);

async function run(data: ProbeJobData): Promise<void> {
  const store = openStore(data.dbPath);
  try {
    if (data.mode === 'findings') {
      post({ type: 'done', result: await probeStoredFindings(store, data.recordingId) });
      return;
    }
    const model = await probeModel(store);
    if (data.mode === 'beat') {
      post({
        type: 'done',
        result: beatProbeView(store, data.recordingId, data.sample, model, data.method),
      });
      return;
    }
    const run = await probeStoredRecording(store, data.recordingId, model, {
      method: data.method,
      onProgress: (fraction, message) => post({ type: 'progress', fraction, message }),
    });
    post({ type: 'done', result: run });
  } finally {
    store.close();
  }
}

run(workerData as ProbeJobData).catch((err: unknown) =>
  post({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
);
