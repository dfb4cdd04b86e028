/**
 * Reads scripts/cv-beats-oof.ts's out-of-fold probabilities and prints, per variant (epoch,
 * weight average, seed ensemble), the pooled DS1 cross-validation figures, with and without
 * per-class decision offsets chosen by nested cross-validation (offsets picked on three folds,
 * applied to the fourth). DS2 is not involved.
 *
 *   npx tsx scripts/analyze-beat-oof.ts [--dir bench-results/beat-oof] [--variants e7,swa4-e8]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { argmaxRows } from '../main/ml/beats/classify';
import { BEAT_CLASSES } from '../main/ml/beats/labels';
import { beatReport, confusionMatrix, type BeatReport } from '../main/ml/beats/metrics';
import { validationScore } from '../main/ml/beats/train';
import { parseArgs, runMain } from '../main/ml/script-util';

interface FoldFile {
  fold: number;
  labels: number[];
  variants: Record<string, number[]>;
}

const K = BEAT_CLASSES.length;
const GRID = Array.from({ length: 17 }, (_, i) => -3 + i * 0.25);

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), { dir: 'value', variants: 'value' });
  const dir = resolve(args.get('dir') ?? 'bench-results/beat-oof');
  const seeds = readdirSync(dir).filter((d) => d.startsWith('seed-'));
  const bySeed = seeds.map((s) =>
    readdirSync(join(dir, s))
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(dir, s, f), 'utf8')) as FoldFile)
      .sort((a, b) => a.fold - b.fold),
  );
  const names = args.get('variants')?.split(',') ?? Object.keys(bySeed[0][0].variants);
  for (const name of names) {
    for (const [si, folds] of bySeed.entries()) report(`${seeds[si]} ${name}`, folds, name);
    if (bySeed.length > 1) report(`ensemble(${bySeed.length}) ${name}`, ensemble(bySeed), name);
  }
});

function ensemble(bySeed: FoldFile[][]): FoldFile[] {
  return bySeed[0].map((f, i) => ({
    fold: f.fold,
    labels: f.labels,
    variants: Object.fromEntries(
      Object.keys(f.variants)
        .filter((v) => bySeed.every((s) => s[i].variants[v]))
        .map((v) => {
          const rows = bySeed.map((s) => s[i].variants[v]);
          return [v, rows[0].map((_, j) => rows.reduce((a, r) => a + r[j], 0) / rows.length)];
        }),
    ),
  }));
}

function report(title: string, folds: FoldFile[], name: string): void {
  if (folds.some((f) => !f.variants[name])) return;
  const plain = pooled(
    folds.map((f) => predict(f.variants[name], zeros())),
    folds,
  );
  // Nested: offsets chosen on the other folds, applied to each fold.
  const nestedPred = folds.map((f, i) => {
    const others = folds.filter((_, j) => j !== i);
    const offsets = chooseOffsets(others, name);
    return predict(f.variants[name], offsets);
  });
  const nested = pooled(nestedPred, folds);
  const all = chooseOffsets(folds, name);
  console.log(
    `${title}\n  plain  ${line(plain)}\n  nested ${line(nested)}  (all-fold offsets ${all.map((o) => o.toFixed(2)).join(' ')})`,
  );
}

function zeros(): number[] {
  return new Array<number>(K).fill(0);
}

function predict(probs: number[], offsets: number[]): Uint8Array {
  const shifted = new Float32Array(probs.length);
  for (let i = 0; i < probs.length; i++)
    shifted[i] = Math.log(Math.max(probs[i], 1e-9)) + offsets[i % K];
  return argmaxRows(shifted, K);
}

function pooled(preds: Uint8Array[], folds: FoldFile[]): BeatReport {
  const labels = folds.flatMap((f) => f.labels);
  const pred = preds.flatMap((p) => Array.from(p));
  return beatReport(confusionMatrix(labels, pred));
}

/** Coordinate ascent over S, V, F offsets (N and Q fixed at 0) on the pooled folds' score. */
function chooseOffsets(folds: FoldFile[], name: string): number[] {
  const offsets = zeros();
  const score = (o: number[]): number =>
    validationScore(
      pooled(
        folds.map((f) => predict(f.variants[name], o)),
        folds,
      ),
    );
  let best = score(offsets);
  for (let round = 0; round < 3; round++) {
    for (const c of [1, 2, 3]) {
      for (const g of GRID) {
        const trial = offsets.slice();
        trial[c] = g;
        const s = score(trial);
        if (s > best + 1e-9) {
          best = s;
          offsets[c] = g;
        }
      }
    }
  }
  return offsets;
}

function line(r: BeatReport): string {
  const p = (v: number): string => (100 * v).toFixed(1);
  const c = r.perClass;
  return (
    `score ${p(validationScore(r))} acc ${p(r.accuracy)} S ${p(c.S.se)}/${p(c.S.ppv)} ` +
    `V ${p(c.V.se)}/${p(c.V.ppv)} F ${p(c.F.se)}/${p(c.F.ppv)}`
  );
}
