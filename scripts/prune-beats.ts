/**
 * npm run prune:beats — structured pruning of the shipped beat model (resources/models/beat-full)
 * into resources/models/beat-pruned/, comparing multistage and one-shot pruning.
 *
 *   npx tsx scripts/prune-beats.ts [--targets "8,16,16/24/16/32;8,12,12/16/16/32"]
 *     [--stages 3] [--stage-epochs 2] [--lr 0.0005] [--fold 0] [--ref-cache DIR] [--out DIR]
 *     [--epoch-size N] [--no-ds2] [--from DIR [--adversarial] [--robust-ref-cache DIR]]
 *     [--release X.Y.Z] [--distill WEIGHT[,TEMPERATURE]]
 *
 * 1. Choices on DS1 only (main/ml/prune/holdout.ts): a reference model is trained like
 *    beat-full but without one DS1 cross-validation fold; every candidate target size is pruned
 *    from it both ways, fine-tuned on the other DS1 records, and scored on the held-out fold.
 *    main/ml/prune/select.ts picks the size and the schedule.
 * 2. Both schedules are then run from beat-full at the chosen size, fine-tuned on all of DS1;
 *    the chosen schedule's model is saved.
 * 3. DS2 is read only after that, to report full vs multistage vs one-shot, with inference
 *    speed of full and pruned measured in the same run.
 *
 * --from DIR prunes another model of beat-full's architecture instead (e.g. beat-robust); the
 * training options and the hold-out reference still come from --full (beat-full). With
 * --adversarial every fine-tuning uses the source's recorded adversarial training (its
 * `training.adversarial`, main/ml/robust's transformBatch), and the hold-out reference is made
 * robust the same way the source was (main/ml/robust/reference.ts), so the DS1 comparison is
 * like for like.
 *
 * --distill adds knowledge distillation to every fine-tuning (main/ml/beats/train.ts
 * `Distillation`): the teacher is the model being pruned (the hold-out reference in step 1, the
 * source in step 2), so the pruned model learns to keep its decisions. The hold-out log then
 * also shows how often each candidate agrees with the reference.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { ecgDataDir } from '../main/config/data-dir';
import { DS1_FOLDS } from '../main/ml/beats/cv';
import { concatSets, loadRecordBeats, type BeatSet } from '../main/ml/beats/dataset';
import { evaluateAtReference, type Evaluation } from '../main/ml/beats/evaluate';
import { BEAT_CLASSES, DS1, DS2 } from '../main/ml/beats/labels';
import {
  INPUT_CONTRACT,
  loadBeatModelDir,
  saveBeatModel,
  type LoadedBeatModel,
  type SavedBeatConfig,
} from '../main/ml/beats/model';
import { bakeIntoOutputBias } from '../main/ml/beats/priors';
import {
  DEFAULT_TRAIN,
  evaluateSet,
  type TrainHooks,
  type TrainOptions,
} from '../main/ml/beats/train';
import { countFlops, type PruneSizes } from '../main/ml/prune/flops';
import { agreement, holdOutReference, holdOutSplit } from '../main/ml/prune/holdout';
import { renderPrunedCard, summarise } from '../main/ml/prune/model-card';
import {
  fineTuneWith,
  multistagePrune,
  oneShotPrune,
  type ScheduleResult,
} from '../main/ml/prune/schedule';
import { chooseCandidate, type Candidate, type Method } from '../main/ml/prune/select';
import { compareInferenceSpeed } from '../main/ml/prune/speed';
import { adversarialBatches, type AdversarialOptions } from '../main/ml/robust/adversarial';
import { robustHoldOutReference } from '../main/ml/robust/reference';
import { initBackend } from '../main/ml/runtime';
import { machineFacts, numberArg, parseArgs, runMain, writeJson } from '../main/ml/script-util';

/** As in train-beats.ts: room for training-time shifts and stretches. */
const MARGIN = 8;
/**
 * Candidate final sizes (conv filters / morph / rr / head), fixed before any training from
 * FLOPs and measured speed alone: both cut FLOPs by > 70 %; the second is about 2× faster than
 * the first again in conv3. rr_dense and head stay whole: they are < 1 % of the FLOPs.
 */
const DEFAULT_TARGETS = '8,16,16/24/16/32;8,12,12/16/16/32';
const RELEASE = '1.0.0';

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), {
    targets: 'value',
    stages: 'value',
    'stage-epochs': 'value',
    lr: 'value',
    fold: 'value',
    'ref-cache': 'value',
    full: 'value',
    out: 'value',
    'epoch-size': 'value',
    'no-ds2': 'flag',
    from: 'value',
    adversarial: 'flag',
    'robust-ref-cache': 'value',
    release: 'value',
    distill: 'value',
  });
  const root = resolve(__dirname, '..');
  const fullDir = resolve(args.get('full') ?? join(root, 'resources', 'models', 'beat-full'));
  const outDir = resolve(args.get('out') ?? join(root, 'resources', 'models', 'beat-pruned'));
  const fold = numberArg(args, 'fold', 0);
  const stages = numberArg(args, 'stages', 3);
  const stageEpochs = numberArg(args, 'stage-epochs', 2);
  const targets = parseTargets(args.get('targets') ?? DEFAULT_TARGETS);
  const backend = (await initBackend('wasm')).backend;
  const log = stamp();

  const fromDir = resolve(args.get('from') ?? fullDir);
  const release = args.get('release') ?? RELEASE;
  const full = await loadBeatModelDir(fullDir);
  // The model pruned in step 2 (beat-full unless --from); `full` gives the recipe and reference.
  const source = fromDir === fullDir ? full : await loadBeatModelDir(fromDir);
  const sourceName = basename(fromDir);
  if (JSON.stringify(source.config.model) !== JSON.stringify(full.config.model))
    throw new Error(`--from ${fromDir}: architecture differs from ${fullDir}`);
  const adversarial = args.has('adversarial') ? adversarialOf(source.config) : null;
  const baseHooks: TrainHooks = adversarial
    ? { transformBatch: adversarialBatches(adversarial) }
    : {};
  const distill = distillOf(args.get('distill'));
  const hooksFor = (teacher: tf.LayersModel): TrainHooks =>
    distill ? { ...baseHooks, distill: { teacher, ...distill } } : baseHooks;
  const fullOpts = trainOptionsOf(full.config, args);
  // Fine-tuning starts near where beat-full's training ended (1e-3 · 0.93^6 ≈ 6.5e-4).
  const ftOpts: TrainOptions = { ...fullOpts, learningRate: numberArg(args, 'lr', 5e-4) };
  const priors = priorWeightsOf(source.config);
  const dataDir = join(ecgDataDir(), 'mitdb');
  const sets = new Map(DS1.map((r) => [r, loadRecordBeats(dataDir, r, MARGIN)]));
  const schedule = { stages, stageEpochs, oneShotEpochs: stages * stageEpochs };
  // Recorded without epochs/patience: the schedule sets the epochs, and nothing stops early.
  const { epochs: _epochs, patience: _patience, ...ftRecorded } = ftOpts;

  // 1. Choices on the DS1 hold-out.
  const t0 = performance.now();
  const split = holdOutSplit(sets, DS1_FOLDS[fold]);
  log(`hold-out fold ${fold}: ${split.records.join(' ')} (${split.val.labels.length} beats)`);
  const cacheDir = resolve(
    args.get('ref-cache') ?? join(tmpdir(), 'ecg-desk-holdout', `fold${fold}`),
  );
  const standardRef = await holdOutReference(split, full.config.model, fullOpts, cacheDir, (l) =>
    log(`[reference] epoch ${l.epoch} loss ${l.loss.toFixed(4)} ${l.samplesPerSec.toFixed(0)}/s`),
  );
  let ref = standardRef;
  if (adversarial) {
    // As scripts/train-robust.ts fine-tuned beat-full into the source (its recorded options).
    const robustOpts = robustFineTuneOf(source.config, fullOpts);
    ref = await robustHoldOutReference(
      standardRef,
      split,
      full.config.model,
      robustOpts,
      adversarial,
      resolve(args.get('robust-ref-cache') ?? `${cacheDir}-robust`),
      (l) =>
        log(
          `[robust reference] epoch ${l.epoch} loss ${l.loss.toFixed(4)} ${l.samplesPerSec.toFixed(0)}/s`,
        ),
    );
    standardRef.dispose();
  }
  const refVal = evaluateSet(ref, split.val);
  log(`[reference] hold-out ${line(refVal)}`);
  const candidates: (Candidate & {
    stages: ScheduleResult['stages'];
    agreement: ReturnType<typeof agreement>;
  })[] = [];
  for (const target of targets)
    for (const method of ['multistage', 'one-shot'] as const) {
      const r = await runSchedule(
        method,
        ref,
        target,
        schedule,
        split.train,
        ftOpts,
        log,
        hooksFor(ref),
      );
      const val = evaluateSet(r.model, split.val);
      const agree = agreement(ref, r.model, split.val);
      log(
        `[select] ${method} ${sizesText(target)}: hold-out ${line(val)}; agrees with the reference on ` +
          `${(100 * agree.all).toFixed(2)} % of beats, ${(100 * agree.refSV).toFixed(1)} % of its S/V calls`,
      );
      candidates.push({
        target,
        method,
        flops: countFlops(r.config).flops,
        val,
        agreement: agree,
        stages: r.stages,
      });
      r.model.dispose();
    }
  ref.dispose();
  const choice = chooseCandidate(refVal, candidates);
  const selectSeconds = (performance.now() - t0) / 1000;
  log(
    `[select] chosen ${choice.chosen.method} ${sizesText(choice.chosen.target)}` +
      ` (${choice.withinTolerance ? 'within' : 'NOT within'} 1 point of the reference)`,
  );

  // 2. Both schedules from the source (beat-full unless --from) on all of DS1, at the chosen size.
  const t1 = performance.now();
  const all = concatSets([...sets.values()]);
  bakeIntoOutputBias(
    source.model,
    priors.map((w) => -w),
  ); // fine-tune without the prior correction
  const finals = new Map<Method, ScheduleResult>();
  for (const method of ['multistage', 'one-shot'] as const) {
    const r = await runSchedule(
      method,
      source.model,
      choice.chosen.target,
      schedule,
      all,
      ftOpts,
      log,
      hooksFor(source.model),
    );
    bakeIntoOutputBias(r.model, priors);
    finals.set(method, r);
  }
  bakeIntoOutputBias(source.model, priors);
  const finalSeconds = (performance.now() - t1) / 1000;
  const chosen = finals.get(choice.chosen.method)!;
  const other = finals.get(choice.chosen.method === 'multistage' ? 'one-shot' : 'multistage')!;
  await saveBeatModel(chosen.model, outDir, {
    version: 1,
    labels: [...BEAT_CLASSES],
    input: INPUT_CONTRACT,
    model: chosen.config,
    training: {
      release,
      prunedFrom:
        source === full
          ? { dir: 'resources/models/beat-full', model: full.config.model }
          : `${sourceName}@${String(source.config.training?.release ?? '?')}`,
      ...(adversarial
        ? {
            adversarial,
            reference: `hold-out reference fine-tuned adversarially like ${sourceName}`,
          }
        : {}),
      ...(distill ? { distillation: { ...distill, teacher: sourceName } } : {}),
      method: choice.chosen.method,
      importance: 'L1 norm of each unit’s incoming kernel weights plus |bias|',
      schedule,
      fineTune: ftRecorded,
      priorLogWeights: priors,
      holdOut: { records: split.records, withinTolerance: choice.withinTolerance },
      flops: countFlops(chosen.config).flops,
      fullFlops: countFlops(full.config.model).flops,
      backend,
      selectionSeconds: Math.round(selectSeconds),
      finalSeconds: Math.round(finalSeconds),
    },
  });
  log(`saved ${outDir}`);
  const pruned = await loadBeatModelDir(outDir); // what the app loads

  // 3. Report: speed in one run, then DS2.
  const speed = compareInferenceSpeed([
    { name: sourceName, model: source.model },
    { name: 'beat-pruned', model: pruned.model },
  ]);
  speed.forEach((s) => log(`[speed] ${JSON.stringify(s)}`));
  const ds2 = args.has('no-ds2')
    ? null
    : {
        full: evaluateAtReference(source, dataDir, DS2),
        chosen: evaluateAtReference(pruned, dataDir, DS2),
        other: evaluateAtReference(asLoaded(other.model, pruned.config), dataDir, DS2),
      };
  if (ds2) for (const [k, e] of Object.entries(ds2)) log(`[DS2] ${k}: ${line(e.report)}`);

  const comparison = {
    generatedBy: 'npm run prune:beats',
    at: new Date().toISOString(),
    ...machineFacts(),
    backend,
    schedule,
    fineTune: ftRecorded,
    selection: {
      holdOut: split.records,
      reference: summarise(refVal),
      candidates: candidates.map((c) => ({
        method: c.method,
        target: c.target,
        flops: c.flops,
        holdOut: summarise(c.val),
        agreement: c.agreement,
        stages: c.stages,
      })),
      chosen: { method: choice.chosen.method, target: choice.chosen.target },
      withinTolerance: choice.withinTolerance,
      seconds: Math.round(selectSeconds),
    },
    final: {
      [sourceName]: { cost: countFlops(full.config.model), ds2: ds2 && summarise(ds2.full.report) },
      [choice.chosen.method]: {
        cost: countFlops(chosen.config),
        stages: chosen.stages,
        ds2: ds2 && summarise(ds2.chosen.report),
        shipped: true,
      },
      [choice.chosen.method === 'multistage' ? 'one-shot' : 'multistage']: {
        cost: countFlops(other.config),
        stages: other.stages,
        ds2: ds2 && summarise(ds2.other.report),
        shipped: false,
      },
      seconds: Math.round(finalSeconds),
    },
    speed,
  };
  writeJson(join(outDir, 'comparison.json'), comparison);
  writeFileSync(
    join(outDir, 'MODEL_CARD.md'),
    renderPrunedCard({
      full: full.config.model,
      pruned: pruned.config.model,
      ...(source === full
        ? {}
        : {
            source: { name: sourceName, release: String(source.config.training?.release ?? '?') },
          }),
      ...(adversarial
        ? { adversarial, robustFineTune: robustFineTuneOf(source.config, fullOpts) }
        : {}),
      ...(distill ? { distillation: distill } : {}),
      method: choice.chosen.method,
      schedule,
      fineTune: ftOpts,
      selection: comparison.selection,
      refVal,
      candidates,
      chosenStages: chosen.stages,
      otherStages: other.stages,
      speed,
      ds2: ds2 && { full: ds2.full, chosen: ds2.chosen, other: ds2.other },
      backend,
      seconds: { select: selectSeconds, final: finalSeconds },
      command: 'npm run prune:beats',
      date: new Date().toISOString().slice(0, 10),
    }),
  );
  log(`wrote ${join(outDir, 'MODEL_CARD.md')} and comparison.json`);
  [chosen.model, other.model, full.model, pruned.model].forEach((m) => m.dispose());
  if (source !== full) source.model.dispose();
});

async function runSchedule(
  method: Method,
  from: tf.LayersModel,
  target: PruneSizes,
  s: { stages: number; stageEpochs: number; oneShotEpochs: number },
  train: BeatSet,
  opts: TrainOptions,
  log: (line: string) => void,
  hooks: TrainHooks = {},
): Promise<ScheduleResult> {
  const fineTune = fineTuneWith(
    train,
    opts,
    (stage, l) =>
      log(
        `[${method}] stage ${stage} epoch ${l.epoch} loss ${l.loss.toFixed(4)} ${l.samplesPerSec.toFixed(0)}/s`,
      ),
    hooks,
  );
  return method === 'multistage'
    ? multistagePrune(from, target, s.stages, s.stageEpochs, fineTune)
    : oneShotPrune(from, target, s.oneShotEpochs, fineTune);
}

/** "8,16,16/24/16/32;..." → sizes (conv filters / morph / rr / head). */
function parseTargets(text: string): PruneSizes[] {
  return text.split(';').map((t) => {
    const [conv, dense, rr, head] = t.split('/');
    const sizes = {
      convFilters: conv.split(',').map(Number),
      denseUnits: Number(dense),
      rrUnits: Number(rr),
      headUnits: Number(head),
    };
    if (
      [...sizes.convFilters, sizes.denseUnits, sizes.rrUnits, sizes.headUnits].some((v) => !(v > 0))
    )
      throw new Error(`bad --targets entry "${t}"`);
    return sizes;
  });
}

/** beat-full's recorded training options (same sampling and augmentation for fine-tuning). */
function trainOptionsOf(config: SavedBeatConfig, args: Map<string, string>): TrainOptions {
  const saved = (config.training?.options ?? {}) as Partial<TrainOptions>;
  const opts = { ...DEFAULT_TRAIN, ...saved };
  return { ...opts, epochSize: numberArg(args, 'epoch-size', opts.epochSize) };
}

/** "--distill 0.5" or "0.5,2" → weight (0..1] and temperature (≥ 1, default 2). */
function distillOf(text: string | undefined): { weight: number; temperature: number } | null {
  if (text === undefined) return null;
  const [w, t = '2'] = text.split(',');
  const weight = Number(w);
  const temperature = Number(t);
  if (!(weight > 0 && weight <= 1) || !(temperature >= 1))
    throw new RangeError(
      `--distill WEIGHT[,TEMPERATURE]: weight in (0, 1], temperature ≥ 1; got "${text}"`,
    );
  return { weight, temperature };
}

/** The source's recorded adversarial training (scripts/train-robust.ts `training.adversarial`). */
function adversarialOf(config: SavedBeatConfig): AdversarialOptions {
  const a = (config.training?.adversarial ?? null) as Partial<AdversarialOptions> | null;
  if (!a || !(Number(a.epsilon) > 0) || !(Number(a.steps) > 0) || !(Number(a.fraction) > 0))
    throw new Error('--adversarial: the --from model records no training.adversarial');
  return { epsilon: Number(a.epsilon), fraction: Number(a.fraction), steps: Number(a.steps) };
}

/** The source's recorded adversarial fine-tuning options on top of beat-full's (train-robust). */
function robustFineTuneOf(config: SavedBeatConfig, fullOpts: TrainOptions): TrainOptions {
  const saved = (config.training?.fineTune ?? {}) as Partial<TrainOptions>;
  return { ...fullOpts, ...saved };
}

function priorWeightsOf(config: SavedBeatConfig): number[] {
  const w = config.training?.priorLogWeights;
  return Array.isArray(w) ? w.map(Number) : BEAT_CLASSES.map(() => 0);
}

function asLoaded(model: tf.LayersModel, like: SavedBeatConfig): LoadedBeatModel {
  return { model, labels: [...BEAT_CLASSES], config: like };
}

function sizesText(s: PruneSizes): string {
  return `${s.convFilters.join(',')}/${s.denseUnits}/${s.rrUnits}/${s.headUnits}`;
}

function line(r: Evaluation['report']): string {
  const s = summarise(r);
  const pct = (v: number): string => (100 * v).toFixed(1);
  return `acc ${pct(s.accuracy)} macroF1(NSV) ${pct(s.macroF1)} S F1 ${pct(s.f1.S)} V F1 ${pct(s.f1.V)}`;
}

function stamp(): (line: string) => void {
  const t0 = performance.now();
  return (l) => console.log(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${l}`);
}
