/**
 * npm run eval:intra — the intra-patient comparison figure (issue #4): the shipped
 * architecture and training recipe, trained on a random 80 % of the beats of all 44 non-paced
 * MIT-BIH records and tested on the other 20 % (same patients on both sides), the protocol
 * of the papers the issue cites (Kachuee 2018: 93.4 %; multistage pruning: 97.7 %).
 *
 *   npx tsx scripts/eval-intra.ts [--seed N] [--epochs 7] [--out out/eval/intra-patient.json]
 *
 * The model is thrown away: it has seen DS2 patients and must never ship. The figure is only
 * a comparison with those papers; the honest one is the inter-patient DS2 table.
 */
import { join, resolve } from 'node:path';
import { ecgDataDir } from '../main/config/data-dir';
import { centreWindows } from '../main/ml/beats/batches';
import { argmaxRows, predictProbs } from '../main/ml/beats/classify';
import { classCounts, loadBeatSet, selectBeats } from '../main/ml/beats/dataset';
import { intraPatientSplit } from '../main/ml/beats/intra';
import { BEAT_CLASSES, DS1, DS2 } from '../main/ml/beats/labels';
import { beatReport, confusionMatrix, formatReport } from '../main/ml/beats/metrics';
import { buildBeatModel, DEFAULT_BEAT_MODEL } from '../main/ml/beats/model';
import { DEFAULT_TRAIN, trainBeatModel } from '../main/ml/beats/train';
import { initBackend } from '../main/ml/runtime';
import { machineFacts, numberArg, parseArgs, runMain, writeJson } from '../main/ml/script-util';
import { mulberry32, seedMathRandom } from '../main/ml/seed';

const MARGIN = 8; // as scripts/train-beats.ts: room for training-time shifts and stretches
const TEST_FRACTION = 0.2;

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), { seed: 'value', epochs: 'value', out: 'value' });
  const seed = numberArg(args, 'seed', DEFAULT_TRAIN.seed);
  const epochs = numberArg(args, 'epochs', 7); // the shipped model's CV-chosen epoch count
  const out = resolve(args.get('out') ?? 'out/eval/intra-patient.json');
  const { backend } = await initBackend('wasm');
  const all = loadBeatSet(join(ecgDataDir(), 'mitdb'), [...DS1, ...DS2], MARGIN);
  const split = intraPatientSplit(all.labels, all.records, TEST_FRACTION, mulberry32(seed));
  const train = selectBeats(all, split.train);
  const test = selectBeats(all, split.test);
  console.log(`train ${JSON.stringify(classCounts(train.labels))}`);
  console.log(`test  ${JSON.stringify(classCounts(test.labels))}`);

  const restore = seedMathRandom(seed);
  const model = buildBeatModel(DEFAULT_BEAT_MODEL);
  restore();
  const result = await trainBeatModel(model, train, null, { ...DEFAULT_TRAIN, seed, epochs }, (l) =>
    console.log(`epoch ${l.epoch} loss ${l.loss.toFixed(4)} ${l.samplesPerSec.toFixed(0)}/s`),
  );
  const probs = predictProbs(model, centreWindows(test), test.rr, test.labels.length);
  const report = beatReport(confusionMatrix(test.labels, argmaxRows(probs, BEAT_CLASSES.length)));
  model.dispose();
  const macroF1 =
    (['N', 'S', 'V', 'F'] as const).reduce((a, c) => a + report.perClass[c].f1, 0) / 4;
  console.log(`${formatReport(report)}\n\nmacro F1 (N, S, V, F): ${(100 * macroF1).toFixed(2)} %`);
  writeJson(out, {
    command: 'npm run eval:intra',
    protocol: `random ${100 * TEST_FRACTION} % of each record's beats per class as test; DS1+DS2, paced excluded`,
    seed,
    epochs,
    backend,
    trainBeats: train.labels.length,
    testBeats: test.labels.length,
    trainSeconds: Math.round(result.trainSeconds),
    accuracy: report.accuracy,
    macroF1,
    perClass: report.perClass,
    confusion: report.confusion,
    machine: machineFacts(),
  });
  console.log(`wrote ${out}`);
});
