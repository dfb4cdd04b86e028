/**
 * DS1 cross-validation of the "no S in sustained AF" rule (main/analysis/rhythm-context.ts):
 * every DS1 record is classified at its reference beats by a model trained on the other
 * folds (shipped recipe, 7 epochs), then scored without the rule, with S → best other class,
 * and with S → N. DS2 is not read.
 *
 *   npx tsx scripts/cv-rhythm-context.ts
 */
import { join } from 'node:path';
import { analyzeRecording } from '../main/analysis/analyze';
import type { BeatClass, ClassifiedBeat } from '../main/analysis/classifier';
import { SUSTAINED_AF_S } from '../main/analysis/rhythm-context';
import { ecgDataDir } from '../main/config/data-dir';
import { readRecording } from '../main/formats';
import { fileSourceFromDir } from '../main/formats/fs-source';
import { classifyBeats } from '../main/ml/beats/classify';
import { DS1_FOLDS } from '../main/ml/beats/cv';
import {
  beatAnnotations,
  concatSets,
  loadRecordBeats,
  mlIILead,
  physical,
} from '../main/ml/beats/dataset';
import { aamiClass, BEAT_CLASSES, classIndex, DS1 } from '../main/ml/beats/labels';
import { beatReport, formatReport } from '../main/ml/beats/metrics';
import { buildBeatModel, DEFAULT_BEAT_MODEL, INPUT_CONTRACT } from '../main/ml/beats/model';
import { DEFAULT_TRAIN, trainBeatModel } from '../main/ml/beats/train';
import { initBackend } from '../main/ml/runtime';
import { runMain } from '../main/ml/script-util';
import { seedMathRandom } from '../main/ml/seed';

const MARGIN = 8;
const VARIANTS = ['none', 'bestOther', 'toN'] as const;
type Variant = (typeof VARIANTS)[number];

function relabel(c: ClassifiedBeat, v: Variant): BeatClass {
  if (v === 'toN') return 'N';
  let best: BeatClass = 'N';
  for (const k of BEAT_CLASSES) if (k !== 'S' && c.probs[k] > c.probs[best]) best = k;
  return best;
}

runMain(async () => {
  await initBackend('wasm');
  const dir = join(ecgDataDir(), 'mitdb');
  const sets = new Map(DS1.map((r) => [r, loadRecordBeats(dir, r, MARGIN)]));
  const k = BEAT_CLASSES.length;
  const conf = Object.fromEntries(
    VARIANTS.map((v) => [v, Array.from({ length: k }, () => new Array<number>(k).fill(0))]),
  ) as Record<Variant, number[][]>;
  for (const [f, held] of DS1_FOLDS.entries()) {
    const train = concatSets([...sets].filter(([r]) => !held.includes(r)).map(([, s]) => s));
    const restore = seedMathRandom(DEFAULT_TRAIN.seed + f);
    const net = buildBeatModel(DEFAULT_BEAT_MODEL);
    restore();
    await trainBeatModel(net, train, null, {
      ...DEFAULT_TRAIN,
      seed: DEFAULT_TRAIN.seed + f,
      epochs: 7,
    });
    const model = {
      model: net,
      labels: [...BEAT_CLASSES],
      config: {
        version: 1 as const,
        labels: [...BEAT_CLASSES],
        input: INPUT_CONTRACT,
        model: DEFAULT_BEAT_MODEL,
      },
    };
    for (const name of held) {
      const rec = readRecording(fileSourceFromDir(dir), `${name}.hea`);
      const ann = beatAnnotations(rec);
      const res = classifyBeats(
        model,
        physical(mlIILead(rec)),
        rec.fs,
        Int32Array.from(ann, (a) => a.sample),
      );
      const af = analyzeRecording(rec, {}).rhythm.episodes.filter(
        (e) => e.code === 'AF' && (e.endSample - e.startSample) / rec.fs >= SUSTAINED_AF_S,
      );
      ann.forEach((a, i) => {
        const ref = aamiClass(a.symbol);
        if (!ref) return;
        const probs = Object.fromEntries(
          BEAT_CLASSES.map((c, j) => [c, res[i].probs[j]]),
        ) as Record<BeatClass, number>;
        const c: ClassifiedBeat = {
          label: res[i].label as BeatClass,
          confidence: res[i].confidence,
          probs,
        };
        const inAf = af.some((e) => a.sample >= e.startSample && a.sample <= e.endSample);
        for (const v of VARIANTS) {
          const label = v !== 'none' && inAf && c.label === 'S' ? relabel(c, v) : c.label;
          conf[v][classIndex(ref)][classIndex(label)]++;
        }
      });
    }
    net.dispose();
    console.log(`fold ${f + 1} done`);
  }
  for (const v of VARIANTS) console.log(`\n## ${v}\n${formatReport(beatReport(conf[v]))}`);
});
