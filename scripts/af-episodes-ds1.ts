/**
 * How many reference beats of each class fall inside the AF episodes the rhythm analysis
 * finds, by minimum episode duration, on MIT-BIH DS1 (training records only). This is the
 * measurement behind SUSTAINED_AF_S in main/analysis/rhythm-context.ts: what the "no S in
 * sustained AF" rule would cost in S sensitivity.
 *
 *   npx tsx scripts/af-episodes-ds1.ts
 */
import { join } from 'node:path';
import { analyzeRecording } from '../main/analysis/analyze';
import { ecgDataDir } from '../main/config/data-dir';
import { readRecording } from '../main/formats';
import { fileSourceFromDir } from '../main/formats/fs-source';
import { aamiClass, DS1 } from '../main/ml/beats/labels';
import { runMain } from '../main/ml/script-util';

const MIN_DURATIONS_S = [0, 10, 30, 60, 120];

runMain(() => {
  const dir = join(ecgDataDir(), 'mitdb');
  const totals = MIN_DURATIONS_S.map(() => ({ N: 0, S: 0, V: 0 }));
  let allS = 0;
  for (const name of DS1) {
    const rec = readRecording(fileSourceFromDir(dir), `${name}.hea`);
    const af = analyzeRecording(rec, {}).rhythm.episodes.filter((e) => e.code === 'AF');
    const beats = (rec.annotations.atr ?? []).map((a) => ({ s: a.sample, c: aamiClass(a.symbol) }));
    allS += beats.filter((b) => b.c === 'S').length;
    MIN_DURATIONS_S.forEach((min, k) => {
      const eps = af.filter((e) => (e.endSample - e.startSample) / rec.fs >= min);
      for (const b of beats)
        if (
          (b.c === 'N' || b.c === 'S' || b.c === 'V') &&
          eps.some((e) => b.s >= e.startSample && b.s <= e.endSample)
        )
          totals[k][b.c]++;
    });
  }
  console.log(`DS1 reference beats inside detected AF episodes (S beats in DS1: ${allS})`);
  console.log('| min episode s | N | S | V |\n|---:|---:|---:|---:|');
  MIN_DURATIONS_S.forEach((min, k) =>
    console.log(`| ${min} | ${totals[k].N} | ${totals[k].S} | ${totals[k].V} |`),
  );
  return Promise.resolve();
});
