/**
 * npm run train:beats — trains the MIT-BIH beat classifier on DS1 and writes
 * resources/models/beat-full/ (tfjs model, labels.json, config.json, MODEL_CARD.md).
 *
 *   npx tsx scripts/train-beats.ts [--epochs 30] [--seed N] [--out DIR] [--no-refit]
 *                                  [--backend wasm|cpu|tensorflow]
 *
 * 1. Train on DS1 minus DS1_VALIDATION; keep the epoch with the best validation score.
 * 2. Refit on all of DS1 for that many epochs (same seed) unless --no-refit.
 * 3. Save, then evaluate on DS2 at reference beat positions for the model card (DS2 is
 *    only ever read here, after every choice is made).
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ecgDataDir } from '../main/config/data-dir';
import { classCounts, concatSets, loadRecordBeats, type BeatSet } from '../main/ml/beats/dataset';
import { evaluateAtReference } from '../main/ml/beats/evaluate';
import { BEAT_CLASSES, DS1, DS1_VALIDATION, DS2 } from '../main/ml/beats/labels';
import { formatReport, type BeatReport } from '../main/ml/beats/metrics';
import {
  buildBeatModel,
  DEFAULT_BEAT_MODEL,
  INPUT_CONTRACT,
  loadBeatModelDir,
  saveBeatModel,
} from '../main/ml/beats/model';
import { renderModelCard } from '../main/ml/beats/model-card';
import {
  DEFAULT_TRAIN,
  trainBeatModel,
  type EpochLog,
  type TrainOptions,
} from '../main/ml/beats/train';
import { initBackend, type BackendName } from '../main/ml/runtime';
import { numberArg, parseArgs, runMain } from '../main/ml/script-util';
import { seedMathRandom } from '../main/ml/seed';

/** Room for training-time shifts (±3 samples) and stretches (±10 % of 80 samples). */
const MARGIN = 8;

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), {
    epochs: 'value',
    seed: 'value',
    out: 'value',
    'no-refit': 'flag',
    backend: 'value',
  });
  const opts: TrainOptions = {
    ...DEFAULT_TRAIN,
    epochs: numberArg(args, 'epochs', DEFAULT_TRAIN.epochs),
    seed: numberArg(args, 'seed', DEFAULT_TRAIN.seed),
  };
  const outDir = resolve(
    args.get('out') ?? resolve(__dirname, '..', 'resources', 'models', 'beat-full'),
  );
  const refit = !args.has('no-refit');
  const choice = await initBackend((args.get('backend') as BackendName | undefined) ?? 'wasm');
  console.log(`backend ${choice.backend}${choice.reason ? ` (${choice.reason})` : ''}`);

  const dataDir = join(ecgDataDir(), 'mitdb');
  const t0 = performance.now();
  const sets = new Map(DS1.map((r) => [r, loadRecordBeats(dataDir, r, MARGIN)]));
  const trainSet = concatSets(
    DS1.filter((r) => !(DS1_VALIDATION as readonly string[]).includes(r)).map((r) => sets.get(r)!),
  );
  const valSet = concatSets(DS1_VALIDATION.map((r) => sets.get(r)!));
  const allSet = concatSets([...sets.values()]);
  console.log(
    `DS1 loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s: train ${fmtCounts(trainSet)}, validation ${fmtCounts(valSet)}`,
  );

  const phaseA = await runPhase('select', trainSet, valSet, opts);
  const best = phaseA.result.history.find((h) => h.epoch === phaseA.result.bestEpoch)!;
  console.log(`best validation epoch ${phaseA.result.bestEpoch}:\n${formatReport(best.val!)}`);
  let shipped = phaseA;
  if (refit) {
    phaseA.model.dispose();
    shipped = await runPhase('refit', allSet, null, { ...opts, epochs: phaseA.result.bestEpoch });
  }
  const trainSeconds = phaseA.result.trainSeconds + (refit ? shipped.result.trainSeconds : 0);
  const samplesPerSec = refit
    ? (phaseA.result.samplesPerSec + shipped.result.samplesPerSec) / 2
    : phaseA.result.samplesPerSec;

  await saveBeatModel(shipped.model, outDir, {
    version: 1,
    labels: [...BEAT_CLASSES],
    input: INPUT_CONTRACT,
    model: DEFAULT_BEAT_MODEL,
    training: {
      seed: opts.seed,
      options: opts,
      bestEpoch: phaseA.result.bestEpoch,
      refit,
      backend: choice.backend,
      samplesPerSec: Math.round(samplesPerSec),
      trainSeconds: Math.round(trainSeconds),
      validation: { records: DS1_VALIDATION, history: phaseA.result.history.map(compactLog) },
    },
  });
  shipped.model.dispose();
  console.log(`saved ${outDir}`);

  const loaded = await loadBeatModelDir(outDir);
  const ds2 = evaluateAtReference(loaded, dataDir, DS2);
  console.log(`DS2 at reference positions:\n${formatReport(ds2.report)}`);
  const card = renderModelCard({
    model: DEFAULT_BEAT_MODEL,
    train: opts,
    parameters: loaded.model.countParams(),
    backend: choice.backend,
    bestEpoch: phaseA.result.bestEpoch,
    refit,
    trainSeconds,
    samplesPerSec,
    validation: best.val!,
    ds2: ds2.report,
    ds2BeatsPerSec: ds2.beatsPerSec,
    command: 'npm run train:beats',
    date: new Date().toISOString().slice(0, 10),
  });
  writeFileSync(join(outDir, 'MODEL_CARD.md'), card);
  loaded.model.dispose();
  console.log(`wrote ${join(outDir, 'MODEL_CARD.md')}`);
});

async function runPhase(name: string, train: BeatSet, val: BeatSet | null, opts: TrainOptions) {
  const restore = seedMathRandom(opts.seed); // initial weights come from Math.random-seeded draws
  const model = buildBeatModel(DEFAULT_BEAT_MODEL);
  restore();
  console.log(
    `[${name}] ${train.labels.length} beats, up to ${opts.epochs} epochs of ${opts.epochSize}`,
  );
  const result = await trainBeatModel(model, train, val, opts, (log) =>
    console.log(`[${name}] ${describe(log)}`),
  );
  return { model, result };
}

function describe(l: EpochLog): string {
  const head = `epoch ${l.epoch} loss ${l.loss.toFixed(4)} ${l.samplesPerSec.toFixed(0)} samples/s (${l.trainSeconds.toFixed(1)} s)`;
  if (!l.val) return head;
  const p = (v: number): string => (100 * v).toFixed(1);
  const c = l.val.perClass;
  return `${head} | val acc ${p(l.val.accuracy)} S Se/+P ${p(c.S.se)}/${p(c.S.ppv)} V ${p(c.V.se)}/${p(c.V.ppv)} score ${p(l.valScore!)}`;
}

function compactLog(l: EpochLog): Record<string, unknown> {
  const r = (v: number | undefined): number | null =>
    v === undefined || !Number.isFinite(v) ? null : Math.round(v * 1e4) / 1e4;
  const stats = (rep: BeatReport | undefined, c: string) =>
    rep ? { se: r(rep.perClass[c].se), ppv: r(rep.perClass[c].ppv) } : null;
  return {
    epoch: l.epoch,
    loss: r(l.loss),
    samplesPerSec: Math.round(l.samplesPerSec),
    score: r(l.valScore),
    S: stats(l.val, 'S'),
    V: stats(l.val, 'V'),
    accuracy: r(l.val?.accuracy),
  };
}

function fmtCounts(set: BeatSet): string {
  return JSON.stringify(classCounts(set.labels));
}
