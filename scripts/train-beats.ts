/**
 * npm run train:beats — trains the MIT-BIH beat classifier on DS1 and writes
 * resources/models/beat-full/ (tfjs model, labels.json, config.json, MODEL_CARD.md).
 *
 *   npx tsx scripts/train-beats.ts [--cv-epochs 8] [--seed N] [--out DIR] [--backend wasm|cpu]
 *   npx tsx scripts/train-beats.ts --epochs 7 --prior-strength 0   (skip cross-validation)
 *
 * 1. Model choice on DS1 only: 4-fold leave-records-out cross-validation (main/ml/beats/cv.ts)
 *    picks the number of epochs and the class-prior correction strength by pooled macro F1
 *    over N, S, V.
 * 2. Train on all of DS1 with those choices (same seed), bake the prior correction into the
 *    output bias, save.
 * 3. Evaluate on DS2 at reference beat positions for the model card. DS2 is read only here,
 *    after every choice is made.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ecgDataDir } from '../main/config/data-dir';
import { classProbabilities } from '../main/ml/beats/batches';
import { crossValidate, DS1_FOLDS, type CvPoint } from '../main/ml/beats/cv';
import { classCounts, concatSets, loadRecordBeats } from '../main/ml/beats/dataset';
import { evaluateAtReference } from '../main/ml/beats/evaluate';
import { BEAT_CLASSES, DS1, DS2 } from '../main/ml/beats/labels';
import { formatReport } from '../main/ml/beats/metrics';
import {
  buildBeatModel,
  DEFAULT_BEAT_MODEL,
  INPUT_CONTRACT,
  loadBeatModelDir,
  saveBeatModel,
} from '../main/ml/beats/model';
import { renderModelCard } from '../main/ml/beats/model-card';
import { bakeIntoOutputBias, priorLogWeights } from '../main/ml/beats/priors';
import { DEFAULT_TRAIN, trainBeatModel, type TrainOptions } from '../main/ml/beats/train';
import { initBackend, type BackendName } from '../main/ml/runtime';
import { numberArg, parseArgs, runMain } from '../main/ml/script-util';
import { seedMathRandom } from '../main/ml/seed';

/** Room for training-time shifts (±3 samples) and stretches (±10 % of 80 samples). */
const MARGIN = 8;
const STRENGTHS = [0, 0.25, 0.5, 0.75, 1];

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), {
    'cv-epochs': 'value',
    epochs: 'value',
    'prior-strength': 'value',
    seed: 'value',
    out: 'value',
    backend: 'value',
  });
  const opts: TrainOptions = {
    ...DEFAULT_TRAIN,
    seed: numberArg(args, 'seed', DEFAULT_TRAIN.seed),
  };
  const outDir = resolve(
    args.get('out') ?? resolve(__dirname, '..', 'resources', 'models', 'beat-full'),
  );
  const choice = await initBackend((args.get('backend') as BackendName | undefined) ?? 'wasm');
  console.log(`backend ${choice.backend}${choice.reason ? ` (${choice.reason})` : ''}`);

  const dataDir = join(ecgDataDir(), 'mitdb');
  const sets = new Map(DS1.map((r) => [r, loadRecordBeats(dataDir, r, MARGIN)]));
  const all = concatSets([...sets.values()]);
  console.log(`DS1: ${JSON.stringify(classCounts(all.labels))}`);

  const t0 = performance.now();
  const cv =
    args.has('epochs') && args.has('prior-strength') ? null : await runCv(sets, opts, args);
  const cvSeconds = (performance.now() - t0) / 1000;
  const epochs = cv?.epoch ?? numberArg(args, 'epochs', 0);
  const strength = cv?.strength ?? numberArg(args, 'prior-strength', 0);

  console.log(
    `[final] all of DS1 (${all.labels.length} beats), ${epochs} epochs, prior strength ${strength}`,
  );
  const restore = seedMathRandom(opts.seed); // initial weights come from Math.random-seeded draws
  const model = buildBeatModel(DEFAULT_BEAT_MODEL);
  restore();
  const result = await trainBeatModel(model, all, null, { ...opts, epochs }, (l) =>
    console.log(
      `[final] epoch ${l.epoch} loss ${l.loss.toFixed(4)} ${l.samplesPerSec.toFixed(0)} samples/s`,
    ),
  );
  const natural = classProbabilities(all.labels, {
    alpha: 1,
    maxOversample: Infinity,
    prematureN: 0,
  });
  const logWeights = priorLogWeights(
    natural,
    classProbabilities(all.labels, opts.sampling),
    strength,
  );
  bakeIntoOutputBias(model, logWeights);

  await saveBeatModel(model, outDir, {
    version: 1,
    labels: [...BEAT_CLASSES],
    input: INPUT_CONTRACT,
    model: DEFAULT_BEAT_MODEL,
    training: {
      options: { ...opts, epochs },
      priorStrength: strength,
      priorLogWeights: logWeights,
      backend: choice.backend,
      samplesPerSec: Math.round(result.samplesPerSec),
      finalTrainSeconds: Math.round(result.trainSeconds),
      crossValidationSeconds: Math.round(cvSeconds),
      crossValidation: cv
        ? { folds: DS1_FOLDS, epoch: cv.epoch, strength: cv.strength, score: cv.score }
        : null,
    },
  });
  model.dispose();
  console.log(`saved ${outDir}`);

  const loaded = await loadBeatModelDir(outDir);
  const ds2 = evaluateAtReference(loaded, dataDir, DS2);
  console.log(`DS2 at reference positions:\n${formatReport(ds2.report)}`);
  const card = renderModelCard({
    model: DEFAULT_BEAT_MODEL,
    train: { ...opts, epochs },
    parameters: loaded.model.countParams(),
    backend: choice.backend,
    priorStrength: strength,
    cv: cv?.report ?? null,
    trainSeconds: result.trainSeconds,
    cvSeconds,
    samplesPerSec: result.samplesPerSec,
    ds2: ds2.report,
    ds2BeatsPerSec: ds2.beatsPerSec,
    command: 'npm run train:beats',
    date: new Date().toISOString().slice(0, 10),
  });
  writeFileSync(join(outDir, 'MODEL_CARD.md'), card);
  loaded.model.dispose();
  console.log(`wrote ${join(outDir, 'MODEL_CARD.md')}`);
});

async function runCv(
  sets: Map<string, ReturnType<typeof loadRecordBeats>>,
  opts: TrainOptions,
  args: Map<string, string>,
): Promise<CvPoint> {
  const epochs = numberArg(args, 'cv-epochs', opts.epochs);
  console.log(`[cv] ${DS1_FOLDS.length} folds by record, ${epochs} epochs each`);
  const points = await crossValidate(sets, DS1_FOLDS, { ...opts, epochs }, DEFAULT_BEAT_MODEL, {
    strengths: STRENGTHS,
    log: (l) => console.log(`[cv] ${l}`),
  });
  const pct = (v: number): string => (100 * v).toFixed(1);
  for (const p of points) {
    const c = p.report.perClass;
    console.log(
      `[cv] epoch ${p.epoch} strength ${p.strength}: score ${pct(p.score)} acc ${pct(p.report.accuracy)} ` +
        `S ${pct(c.S.se)}/${pct(c.S.ppv)} V ${pct(c.V.se)}/${pct(c.V.ppv)}`,
    );
  }
  const best = points.reduce((a, b) => (b.score > a.score ? b : a));
  console.log(
    `[cv] chosen: epoch ${best.epoch}, strength ${best.strength}\n${formatReport(best.report)}`,
  );
  return best;
}
