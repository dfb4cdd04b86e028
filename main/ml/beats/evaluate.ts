/**
 * Evaluation at reference beat positions through the same path the app uses (classifyBeats
 * on the raw lead), so preprocessing is tested along with the model.
 */
import { readRecording } from '../../formats';
import { fileSourceFromDir } from '../../formats/fs-source';
import { classifyBeats, type BeatModel } from './classify';
import { beatAnnotations, mlIILead, physical } from './dataset';
import { aamiClass, BEAT_CLASSES, classIndex } from './labels';
import { beatReport, type BeatReport } from './metrics';

export interface Evaluation {
  report: BeatReport;
  /** Confusion matrix per record (rows reference, columns predicted, BEAT_CLASSES order). */
  perRecord: Record<string, number[][]>;
  beatsPerSec: number;
}

export function evaluateAtReference(
  model: BeatModel,
  dir: string,
  records: readonly string[],
): Evaluation {
  const k = BEAT_CLASSES.length;
  const total = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const perRecord: Record<string, number[][]> = {};
  let beats = 0;
  let seconds = 0;
  for (const name of records) {
    const rec = readRecording(fileSourceFromDir(dir), `${name}.hea`);
    const ann = beatAnnotations(rec);
    const signal = physical(mlIILead(rec));
    const t0 = performance.now();
    const results = classifyBeats(
      model,
      signal,
      rec.fs,
      Int32Array.from(ann, (a) => a.sample),
    );
    seconds += (performance.now() - t0) / 1000;
    beats += ann.length;
    const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    ann.forEach((a, i) => {
      const ref = aamiClass(a.symbol);
      if (!ref) return;
      const pred = BEAT_CLASSES.indexOf(results[i].label as (typeof BEAT_CLASSES)[number]);
      m[classIndex(ref)][pred]++;
      total[classIndex(ref)][pred]++;
    });
    perRecord[name] = m;
  }
  return { report: beatReport(total), perRecord, beatsPerSec: beats / seconds };
}
