import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeRecording } from '../../../main/analysis/analyze';
import { decideFinding } from '../../../main/findings/decide';
import {
  FINDINGS_PROBE,
  modelThreshold,
  probeFindings,
  type FindingProbe,
} from '../../../main/findings/probe';
import { evaluateRules, type RuleVerdicts } from '../../../main/findings/rules';
import {
  computeFindings,
  loadRecordModel,
  recordModelDir,
  type LoadedRecordModel,
} from '../../../main/findings/service';
import type { Finding } from '../../../main/findings/types';
import { readRecording } from '../../../main/formats';
import { fileSourceFromDir } from '../../../main/formats/fs-source';
import type { ParsedRecording } from '../../../main/formats/types';
import { FRAGILE_EPSILON, MAX_EPSILON } from '../../../main/ml/probe/epsilon';
import { RIBEIRO_CODES, type RibeiroCode } from '../../../main/ml/record/labels';
import { aggregateWindows, predictWindows } from '../../../main/ml/record/predict';
import {
  amplitudeFeature,
  copyWindow,
  N_LEADS,
  prepareRecording,
  STANDARD_LEADS,
  WINDOW_LEN,
  windowStarts,
} from '../../../main/ml/record/preprocess';
import { initBackend } from '../../../main/ml/runtime';
import { dataPath, describeWithData } from '../../helpers/data';
import { syntheticRecording } from '../ml/record/synthetic';
import { saveTinyModel } from '../ml/record/tiny-model';

const RECORDED = ['I', 'II', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'].map((l) =>
  (STANDARD_LEADS as readonly string[]).indexOf(l),
);
const lead = (name: string): number => (STANDARD_LEADS as readonly string[]).indexOf(name);
const isRibeiro = (c: string): c is RibeiroCode => (RIBEIRO_CODES as readonly string[]).includes(c);

let root: string;
let tiny: LoadedRecordModel;

beforeAll(async () => {
  await initBackend('wasm');
  root = mkdtempSync(join(tmpdir(), 'findings-probe-'));
  await saveTinyModel(recordModelDir(root));
  tiny = await loadRecordModel(recordModelDir(root));
});
afterAll(() => {
  tiny.model.dispose();
  rmSync(root, { recursive: true, force: true });
});

/** Largest max − min of a recorded lead over one model window. */
function windowRange(windows: Float32Array, w: number): number {
  const size = WINDOW_LEN * N_LEADS;
  return Math.max(
    ...RECORDED.map((c) => {
      let mn = Infinity;
      let mx = -Infinity;
      for (let t = 0; t < WINDOW_LEN; t++) {
        const v = windows[w * size + t * N_LEADS + c];
        mn = Math.min(mn, v);
        mx = Math.max(mx, v);
      }
      return mx - mn;
    }),
  );
}

/**
 * Checks every probed result with a flipEpsilon: its witness stays inside the reported ball on
 * the recorded leads, moves the derived leads as Einthoven and Goldberger say, and, added to the
 * model's input, flips the finding's decision when the model is run again (decided as decide.ts
 * does, with the rules' own verdicts).
 */
function expectWitnessesFlip(
  rec: ParsedRecording,
  model: LoadedRecordModel,
  findings: Finding[],
  probes: FindingProbe[],
  verdicts: RuleVerdicts | null,
): number {
  const prep = prepareRecording(rec);
  const starts = windowStarts(prep.length);
  const size = WINDOW_LEN * N_LEADS;
  const clean = new Float32Array(starts.length * size);
  starts.forEach((s, i) => copyWindow(prep, s, clean, i * size));
  const amplitude = new Float32Array(starts.length).fill(amplitudeFeature(prep.scaleMv));
  let checked = 0;
  probes.forEach((p, i) => {
    if (p.flipEpsilon === null) return;
    const f = findings[i];
    const wit = p.witness!;
    expect(wit.delta.length).toBe(wit.windowStarts.length);
    const x = clean.slice();
    wit.windowStarts.forEach((start, j) => {
      const w = starts.indexOf(start);
      expect(w).toBeGreaterThanOrEqual(0);
      const d = wit.delta[j];
      const radius = p.flipEpsilon! * windowRange(clean, w);
      let worst = 0;
      for (let t = 0; t < WINDOW_LEN; t++) {
        const at = (name: string): number => d[t * N_LEADS + lead(name)];
        for (const c of RECORDED) worst = Math.max(worst, Math.abs(d[t * N_LEADS + c]));
        expect(at('III')).toBeCloseTo(at('II') - at('I'), 5);
        expect(at('aVR')).toBeCloseTo(-(at('I') + at('II')) / 2, 5);
        expect(at('aVL')).toBeCloseTo(at('I') - at('II') / 2, 5);
        expect(at('aVF')).toBeCloseTo(at('II') - at('I') / 2, 5);
      }
      expect(worst).toBeLessThanOrEqual(radius * (1 + 1e-5));
      expect(worst).toBeGreaterThan(0);
      for (let k = 0; k < size; k++) x[w * size + k] += d[k];
    });
    const probs = aggregateWindows(
      predictWindows(model.model, x, amplitude, starts.length),
      starts.length,
      model.labels,
    );
    const verdict = verdicts && isRibeiro(f.code) ? verdicts[f.code] : null;
    const after = decideFinding(
      f.code,
      probs[model.labels.indexOf(f.code)],
      verdict,
      model.config.decision[f.code],
      {},
    )!;
    expect(after.source).toBe(f.source);
    expect(after.present, `${f.code} flips at ${p.flipEpsilon}`).toBe(!f.present);
    checked++;
  });
  return checked;
}

function expectConsistent(
  findings: Finding[],
  probes: FindingProbe[],
  model: LoadedRecordModel,
): void {
  expect(probes.map((p) => p.code)).toEqual(findings.map((f) => f.code));
  probes.forEach((p, i) => {
    const f = findings[i];
    if (f.source === 'rule') expect(p.status).toBe('rule-only');
    else if (p.status === 'rule-decides') {
      expect(f.source).toBe('combined');
      const t = modelThreshold(f, model);
      expect(t <= 0 || t >= 1).toBe(true);
    } else expect(p.status).toBe('probed');
    if (p.status !== 'probed') expect([p.flipEpsilon, p.fragile]).toEqual([null, false]);
    if (p.flipEpsilon !== null) {
      expect(p.flipEpsilon).toBeGreaterThan(0);
      expect(p.flipEpsilon).toBeLessThanOrEqual(MAX_EPSILON);
      expect(p.flipAmplitudeMv).toBeGreaterThan(0);
    }
    expect(p.fragile).toBe(p.flipEpsilon !== null && p.flipEpsilon < FRAGILE_EPSILON);
  });
}

const shipped = recordModelDir();
const hasShipped = existsSync(join(shipped, 'model.json'));
if (!hasShipped) console.warn(`[skip] findings probe on PTB-XL: ${shipped} is absent`);

describeWithData('ptbxl', 'probeFindings on a PTB-XL record (ecg_id 180, complete LBBB)', () => {
  it.skipIf(!hasShipped)(
    'probes every model-backed finding; the witnesses flip the decisions; no leaks',
    async () => {
      const model = await loadRecordModel();
      try {
        const dir = dataPath('ptbxl', 'records100', '00000');
        const rec = readRecording(fileSourceFromDir(dir), '00180_lr.hea');
        const analysis = analyzeRecording(rec);
        const { findings } = computeFindings(rec, model, analysis);
        const before = tf.memory().numTensors;
        const t0 = performance.now();
        const probes = probeFindings(rec, model, findings, { witness: true });
        const ms = performance.now() - t0;
        expect(tf.memory().numTensors).toBe(before);
        console.log(
          `[findings probe] 00180_lr (10 s, ${tf.getBackend()}): ${(ms / 1000).toFixed(1)} s; ` +
            probes.map((p) => `${p.code} ${p.status} ${p.flipEpsilon ?? '-'}`).join(', '),
        );
        expectConsistent(findings, probes, model);
        const lbbb = probes.find((p) => p.code === 'LBBB')!;
        expect(findings.find((f) => f.code === 'LBBB')!.present).toBe(true);
        expect(lbbb.status).toBe('probed');
        expect(lbbb.flipEpsilon).not.toBeNull();
        const checked = expectWitnessesFlip(
          rec,
          model,
          findings,
          probes,
          evaluateRules(rec, analysis),
        );
        expect(checked).toBeGreaterThanOrEqual(5);
        expect(ms).toBeLessThan(15_000);
      } finally {
        model.model.dispose();
      }
    },
  );
});

describe('probeFindings (tiny model, synthetic recordings)', () => {
  it('probes each window a 25-s recording decides on, leak-free; witnesses flip', () => {
    const rec = syntheticRecording(STANDARD_LEADS, 250, 25);
    const { findings } = computeFindings(rec, tiny);
    const before = tf.memory().numTensors;
    const probes = probeFindings(rec, tiny, findings, { witness: true, rounds: 4, steps: 5 });
    expect(tf.memory().numTensors).toBe(before);
    expectConsistent(findings, probes, tiny);
    // Tiny decisions: w = 0.5 and threshold 0.5, so the rule alone decides the six codes.
    for (const p of probes) expect(p.status).toBe(isRibeiro(p.code) ? 'rule-decides' : 'probed');
    const verdicts = evaluateRules(rec, analyzeRecording(rec));
    expect(expectWitnessesFlip(rec, tiny, findings, probes, verdicts)).toBeGreaterThan(0);
    for (const p of probes.filter((q) => q.witness)) {
      const f = findings.find((q) => q.code === p.code)!;
      // Max over windows: a present code needs every window above threshold pushed down,
      // an absent one the top window pushed up (NORM: the reverse).
      const all = f.present !== (f.code === 'NORM');
      if (!all) expect(p.witness!.windowStarts).toHaveLength(1);
    }
  });

  it('leaves rule-only findings alone without touching the model', () => {
    const rec = syntheticRecording(STANDARD_LEADS, 250, 10);
    const { findings } = computeFindings(rec, null);
    const before = tf.memory().numTensors;
    const probes = probeFindings(rec, tiny, findings);
    expect(tf.memory().numTensors).toBe(before);
    expect(probes.map((p) => p.status)).toEqual(findings.map(() => 'rule-only'));
    expect(probes.every((p) => p.flipEpsilon === null && !p.fragile)).toBe(true);
  });

  it('derives the model-side threshold of a combined decision with the rule fixed', () => {
    const model = {
      config: { decision: { '1dAVb': { modelThreshold: 0.7, ruleWeight: 0.5, threshold: 0.58 } } },
    } as unknown as LoadedRecordModel;
    const finding = (p: number, met: boolean): Finding =>
      decideFinding(
        '1dAVb',
        p,
        { met, rule: 'PR', measurements: {} },
        model.config.decision['1dAVb'],
        {},
      )!;
    // (1 − w)·p + w·rule ≥ T  ⇔  p ≥ (T − w·rule)/(1 − w)
    expect(modelThreshold(finding(0.3, true), model)).toBeCloseTo(0.16, 10);
    expect(modelThreshold(finding(0.9, false), model)).toBeCloseTo(1.16, 10);
    expect(modelThreshold({ ...finding(0.3, true), source: 'rule' }, model)).toBeNaN();
  });

  it('rejects bad options', () => {
    const rec = syntheticRecording(STANDARD_LEADS, 250, 10);
    expect(() => probeFindings(rec, tiny, [], { steps: 0 })).toThrow(RangeError);
    expect(() => probeFindings(rec, tiny, [], { minEpsilon: 0.3 })).toThrow(RangeError);
    expect(FINDINGS_PROBE.fragileThreshold).toBe(FRAGILE_EPSILON);
  });
});
