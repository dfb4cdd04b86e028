import { describe, expect, it } from 'vitest';
import {
  chooseDecisions,
  evaluateOutputs,
  type RecordOutputs,
} from '../../../main/findings/evaluate';
import { formatEvaluation } from '../../../main/findings/report';
import { N_CODES, RIBEIRO_CODES } from '../../../main/ml/record/labels';

/**
 * Eight records. Code 0 (1dAVb): positives 0–2; the model ranks them first (perfect), the rule
 * catches records 0 and 3. Every other code: positives 0 and 1, model and rules at chance.
 */
function outputs(): RecordOutputs[] {
  return Array.from({ length: 8 }, (_, i) => ({
    id: `r${i}`,
    labels: Int8Array.from({ length: N_CODES }, (_, c) =>
      c === 0 ? (i < 3 ? 1 : 0) : i < 2 ? 1 : 0,
    ),
    modelProbs: Float32Array.from({ length: N_CODES }, (_, c) => (c === 0 ? 0.9 - i * 0.1 : 0.5)),
    rules: Uint8Array.from(RIBEIRO_CODES, (_, c) => (c === 0 ? (i === 0 || i === 3 ? 1 : 0) : 0)),
    modelMs: 1,
  }));
}

describe('findings evaluation', () => {
  const out = outputs();
  const decisions = chooseDecisions(out);

  it('chooses thresholds and combinations from the given set', () => {
    expect(decisions['1dAVb'].ruleWeight).toBe(0); // the model alone is perfect
    expect(decisions['1dAVb'].modelThreshold).toBeCloseTo(0.65); // between 0.7 and 0.6
    expect(decisions.NORM.ruleWeight).toBe(0);
  });

  it('computes model, rules and combined tables with hand-checkable values', () => {
    const ev = evaluateOutputs('toy', out, decisions, { replicates: 50, seed: 1 });
    expect(ev.methods.map((m) => m.method)).toEqual(['model', 'rules', 'combined']);
    const [model, rules] = ev.methods;
    const m0 = model.codes[0];
    expect([m0.tp, m0.fp, m0.fn, m0.tn]).toEqual([3, 0, 0, 5]);
    expect(m0.f1.value).toBe(1);
    expect(m0.auc.value).toBe(1);
    const r0 = rules.codes[0];
    expect([r0.tp, r0.fp, r0.fn, r0.tn]).toEqual([1, 1, 2, 4]);
    expect(r0.f1.value).toBeCloseTo(0.4); // 2·1 / (2·1 + 1 + 2)
    expect(r0.se.value).toBeCloseTo(1 / 3);
    expect(r0.sp.value).toBeCloseTo(0.8);
    expect(rules.codes).toHaveLength(6); // superclasses have no rule
    expect(model.codes).toHaveLength(11);
    expect(formatEvaluation(ev)).toMatch(/\| 1dAVb \| 3 \| 3 \| 0 \| 0 \| 1\.00/);
  });

  it('leaves out codes the set does not label (LUDB superclasses)', () => {
    const ludbLike = out.map((o) => ({ ...o, labels: o.labels.map((v, c) => (c >= 6 ? -1 : v)) }));
    const ev = evaluateOutputs('toy', ludbLike, decisions, { replicates: 20, seed: 1 });
    expect(ev.methods[0].codes.map((c) => c.code)).toEqual([...RIBEIRO_CODES]);
    expect(ev.methods[0].macro.superAuc.value).toBeNaN();
  });
});
