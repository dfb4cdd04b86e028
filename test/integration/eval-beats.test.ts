import { expect, it } from 'vitest';
import { beatModelDir, loadAppClassifier } from '../../main/analysis/app-classifier';
import type { BeatClassifier } from '../../main/analysis/classifier';
import { evaluateRecordBeats, summarise } from '../../main/analysis/eval-beats';
import { readRecording } from '../../main/formats';
import { fileSourceFromDir } from '../../main/formats/fs-source';
import { dataPath, describeWithData } from '../helpers/data';

describeWithData('mitdb', 'beat evaluation with the app detector (MIT-BIH 100)', () => {
  it('matches detections to the reference and tallies only matched beats', async () => {
    const rec = readRecording(fileSourceFromDir(dataPath('mitdb')), '100.hea');
    // A classifier that calls every beat N: the table must then be all N, from matched beats.
    const allN: BeatClassifier = {
      version: 'test@0',
      backend: 'none',
      classify: (_r, _lead, samples) =>
        Promise.resolve(
          Array.from(samples, () => ({
            label: 'N' as const,
            confidence: 1,
            probs: { N: 1, S: 0, V: 0, F: 0, Q: 0 },
          })),
        ),
    };
    const r = await evaluateRecordBeats(rec, allN);
    expect(r.reference).toBe(2273);
    expect(r.matched).toBeGreaterThanOrEqual(2268);
    expect(r.missed + r.matched).toBe(r.reference);
    expect(r.extra).toBeLessThanOrEqual(5);
    const s = summarise([r]);
    // Record 100: 2239 N, 33 A (S), 1 V; all predicted N.
    expect(s.report.confusion[0][0] + s.report.confusion[1][0] + s.report.confusion[2][0]).toBe(
      r.matched,
    );
    expect(s.report.perClass.S.se).toBe(0);
    expect(s.report.perClass.N.se).toBe(1);
  });

  it.runIf(beatModelDir('full') !== null)(
    'the shipped model labels record 100 mostly normal, as its cardiologists did',
    async () => {
      const rec = readRecording(fileSourceFromDir(dataPath('mitdb')), '100.hea');
      const classifier = await loadAppClassifier('full');
      const r = await evaluateRecordBeats(rec, classifier!);
      const n = summarise([r]).report.perClass.N;
      expect(n.support).toBeGreaterThan(2230);
      expect(n.se).toBeGreaterThan(0.8);
    },
  );
});
