/**
 * Cross-validation on DS1 (leave-records-out, main/ml/beats/cv.ts) for choosing the epoch
 * count and prior-correction strength; prints one line per (epoch, strength).
 *
 *   npx tsx scripts/train-beats-cv.ts [--epochs 8] [--override '{"sampling":{"alpha":0.5}}']
 */
import { join } from 'node:path';
import { ecgDataDir } from '../main/config/data-dir';
import { crossValidate, DS1_FOLDS } from '../main/ml/beats/cv';
import { loadRecordBeats } from '../main/ml/beats/dataset';
import { DS1 } from '../main/ml/beats/labels';
import { DEFAULT_BEAT_MODEL, type BeatModelConfig } from '../main/ml/beats/model';
import { DEFAULT_TRAIN, type TrainOptions } from '../main/ml/beats/train';
import { initBackend } from '../main/ml/runtime';
import { numberArg, parseArgs, runMain } from '../main/ml/script-util';

const MARGIN = 8;

interface Override {
  train?: Partial<TrainOptions> & {
    sampling?: Partial<TrainOptions['sampling']>;
    augment?: Partial<TrainOptions['augment']>;
  };
  model?: Partial<BeatModelConfig>;
}

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), { epochs: 'value', override: 'value' });
  const o = JSON.parse(args.get('override') ?? '{}') as Override;
  const train: TrainOptions = {
    ...DEFAULT_TRAIN,
    ...o.train,
    epochs: numberArg(args, 'epochs', 8),
    sampling: { ...DEFAULT_TRAIN.sampling, ...o.train?.sampling },
    augment: { ...DEFAULT_TRAIN.augment, ...o.train?.augment },
  };
  const model = { ...DEFAULT_BEAT_MODEL, ...o.model };
  await initBackend('wasm');
  const dir = join(ecgDataDir(), 'mitdb');
  const sets = new Map(DS1.map((r) => [r, loadRecordBeats(dir, r, MARGIN)]));
  const points = await crossValidate(sets, DS1_FOLDS, train, model, {
    strengths: [0, 0.25, 0.5, 0.75, 1],
    log: (l) => console.log(l),
  });
  const pct = (v: number): string => (100 * v).toFixed(1);
  console.log(`override ${JSON.stringify(o)}`);
  for (const p of points.sort((a, b) => a.epoch - b.epoch || a.strength - b.strength)) {
    const c = p.report.perClass;
    console.log(
      `epoch ${p.epoch} strength ${p.strength} | score ${pct(p.score)} acc ${pct(p.report.accuracy)} ` +
        `N ${pct(c.N.se)}/${pct(c.N.ppv)} S ${pct(c.S.se)}/${pct(c.S.ppv)} V ${pct(c.V.se)}/${pct(c.V.ppv)} F ${pct(c.F.se)}/${pct(c.F.ppv)}`,
    );
  }
});
