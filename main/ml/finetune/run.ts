/**
 * One fine-tuning run, start to finish: the active model's signed-recording corrections →
 * a new version beside the old one, evaluated on DS2 and the held-out recordings, gated,
 * saved under `<store folder>/models/<version>/` and recorded in `model_versions`.
 *
 * The weights are written to a `.partial-<runId>` folder first and renamed into place just
 * before the row is inserted, so a cancelled run (the worker is terminated) leaves at most a
 * partial folder that the runner removes (see worker-runner.ts), and never a row.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ModelMetrics, ModelTrainingData, ModelVersionInfo } from '@common/types';
import { activeModelFolder, shippedModel } from '../../analysis/app-classifier';
import { ecgDataDir } from '../../config/data-dir';
import type { Store } from '../../store';
import { loadBeatModel } from '../beats/classify';
import { BEAT_CLASSES, DS2 } from '../beats/labels';
import { saveBeatModel } from '../beats/model';
import { initBackend } from '../runtime';
import { collectSignedBeats, type RecordingBeats } from './collect';
import { ModelError } from './errors';
import { compare, evaluateModel, loadDs2, type LabelledBeats } from './evaluate';
import { gateDecision } from './gate';
import { splitRecordings } from './split';
import { DEFAULT_FINETUNE, finetuneModel, type FinetuneTrainOptions } from './train';
import { sampleWeights } from './weights';
import { concatTyped } from '../concat';

export const FINETUNE_PREFIX = 'beat-ft@';
const FINETUNE_BASE_RELEASE = '1.0.0';

export interface FinetuneRunOptions {
  /** Who started it (audit and `created_by`). */
  user: string;
  /** Names the partial folder; any unique string. */
  runId: string;
  train?: Partial<FinetuneTrainOptions>;
  /** MIT-BIH folder; ecgDataDir()/mitdb when absent. */
  mitdbDir?: string;
  /** Evaluate on the first N DS2 records only (tests). */
  ds2Limit?: number;
  onProgress?: (fraction: number, message: string) => void;
}

export function modelsRoot(storePath: string): string {
  if (storePath === ':memory:')
    throw new ModelError('invalid', 'an in-memory store cannot keep model files');
  return join(dirname(storePath), 'models');
}

export function partialFolder(storePath: string, runId: string): string {
  return join(modelsRoot(storePath), `.partial-${runId}`);
}

function concat(recs: RecordingBeats[]): LabelledBeats & { byUser: Uint8Array } {
  return {
    windows: concatTyped(
      recs.map((r) => r.windows),
      (n) => new Float32Array(n),
    ),
    rr: concatTyped(
      recs.map((r) => r.rr),
      (n) => new Float32Array(n),
    ),
    labels: concatTyped(
      recs.map((r) => r.labels),
      (n) => new Uint8Array(n),
    ),
    byUser: concatTyped(
      recs.map((r) => r.byUser),
      (n) => new Uint8Array(n),
    ),
  };
}

function parentModel(store: Store): { dir: string; version: string } {
  const active = activeModelFolder(store);
  if (active) return active;
  const shipped = shippedModel();
  if (!shipped)
    throw new ModelError(
      'invalid',
      'no beat model to start from (resources/models/beat-robust and beat-full are missing)',
    );
  store.models.ensureShipped(shipped.version);
  return shipped;
}

export async function runFinetune(
  store: Store,
  opts: FinetuneRunOptions,
): Promise<ModelVersionInfo> {
  const progress = opts.onProgress ?? (() => undefined);
  const train: FinetuneTrainOptions = { ...DEFAULT_FINETUNE, ...opts.train };
  const root = modelsRoot(store.path);
  const parent = parentModel(store);

  progress(0.02, 'collecting signed recordings');
  const recs = collectSignedBeats(store);
  if (recs.length === 0)
    throw new ModelError('invalid', 'no signed recording with beats to learn from');
  const split = splitRecordings(
    recs.map((r) => r.recordingId),
    train.seed,
  );
  const tuneRecs = recs.filter((r) => split.tune.includes(r.recordingId));
  const heldRecs = recs.filter((r) => split.heldOut.includes(r.recordingId));
  const tune = concat(tuneRecs);
  const held = heldRecs.length ? concat(heldRecs) : null;

  progress(0.08, 'loading the model');
  const { backend } = await initBackend();
  const base = await loadBeatModel(parent.dir);
  const tuned = await loadBeatModel(parent.dir);
  try {
    const result = await finetuneModel(
      tuned.model,
      { ...tune, weights: sampleWeights(tune.labels, tune.byUser) },
      train,
      (f, m) => progress(0.1 + 0.6 * f, `fine-tuning: ${m}`),
    );

    const metrics: ModelMetrics = {
      ds2: null,
      ds2Note: null,
      heldOut: null,
      heldOutNote: split.note,
      training: { ...result, learningRate: train.learningRate, seed: train.seed },
    };
    if (held) {
      progress(0.72, 'evaluating on the held-out recordings');
      metrics.heldOut = {
        ...compare(evaluateModel(base.model, held), evaluateModel(tuned.model, held)),
        recordingIds: split.heldOut,
      };
    }
    const mitdb = opts.mitdbDir ?? join(ecgDataDir(), 'mitdb');
    if (existsSync(join(mitdb, `${DS2[0]}.hea`))) {
      progress(0.75, 'evaluating on MIT-BIH DS2');
      const ds2 = loadDs2(
        mitdb,
        recs.map((r) => r.recordName),
        opts.ds2Limit,
      );
      progress(0.88, `evaluating ${ds2.set.labels.length} DS2 beats`);
      metrics.ds2 = {
        ...compare(evaluateModel(base.model, ds2.set), evaluateModel(tuned.model, ds2.set)),
        records: ds2.records,
        excludedRecords: ds2.excluded,
      };
      if (ds2.excluded.length)
        metrics.ds2Note = `records ${ds2.excluded.join(', ')} left out of DS2: they are among the fine-tuning data`;
    } else {
      metrics.ds2Note = `MIT-BIH DS2 not found at ${mitdb}`;
    }
    const gate = gateDecision(metrics.ds2);

    progress(0.95, 'saving the new version');
    const counts = Object.fromEntries(BEAT_CLASSES.map((c) => [c, 0]));
    for (const l of tune.labels) counts[BEAT_CLASSES[l]]++;
    const trainingData: ModelTrainingData = {
      recordingIds: split.tune,
      heldOutRecordingIds: split.heldOut,
      beatsByClass: counts,
      userBeats: tune.byUser.reduce((a, b) => a + b, 0),
      signedBy: [...new Set(recs.map((r) => r.signedBy).filter((s): s is string => !!s))],
    };
    const site = store.models.countWithPrefix(FINETUNE_PREFIX) + 1;
    const release = `${FINETUNE_BASE_RELEASE}+site.${site}`;
    const version = `${FINETUNE_PREFIX}${release}`;
    const partial = partialFolder(store.path, opts.runId);
    const folder = join(root, version);
    await saveBeatModel(tuned.model, partial, {
      ...tuned.config,
      training: {
        release,
        parent: parent.version,
        backend,
        runId: opts.runId,
        ...result,
        trainingData,
      },
    });
    if (metrics.ds2) recordParentDs2(store, parent.version, metrics.ds2);
    rmSync(folder, { recursive: true, force: true });
    renameSync(partial, folder);
    return store.models.insert({
      name: 'beat',
      version,
      parentVersion: parent.version,
      folder,
      createdBy: opts.user,
      trainingData,
      metrics,
      status: gate.status,
      statusReason: gate.reason,
    });
  } finally {
    base.model.dispose();
    tuned.model.dispose();
  }
}

/** The parent's own DS2 figures, when it has none on record yet (e.g. the shipped model). */
function recordParentDs2(
  store: Store,
  version: string,
  ds2: NonNullable<ModelMetrics['ds2']>,
): void {
  const row = store.models.get(version);
  if (!row || row.metrics?.ds2) return;
  store.models.setMetrics(version, {
    ds2: {
      ...compare(ds2.base, ds2.base),
      records: ds2.records,
      excludedRecords: ds2.excludedRecords,
    },
    ds2Note: `measured when a fine-tune of it was evaluated${ds2.excludedRecords.length ? ` (without ${ds2.excludedRecords.join(', ')})` : ''}`,
    heldOut: null,
    heldOutNote: null,
    training: null,
  });
}
