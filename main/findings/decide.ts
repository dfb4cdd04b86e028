/**
 * One code's finding from whatever is available: the model's probability, the rule's verdict
 * and the saved decision for the code (chosen on PTB-XL validation data). Pure.
 * - model and rule: the saved combination (source by its rule weight: 0 → model,
 *   1 → rule, else combined);
 * - model only (superclasses, or the rules could not run): p ≥ the model-only threshold;
 * - rule only (no model): the verdict, as 0/1 against 0.5.
 */
import type { RecordCode } from '../ml/record/labels';
import type { CodeDecision } from '../ml/record/saved';
import { combinedScore } from '../ml/record/thresholds';
import type { RuleVerdict } from './rules';
import type { Finding, FindingSource } from './types';

const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;

export function decideFinding(
  code: RecordCode,
  modelProbability: number | null,
  verdict: RuleVerdict | null,
  decision: CodeDecision | null,
  measurements: Record<string, number | null>,
): Finding | null {
  let probability: number;
  let threshold: number;
  let source: FindingSource;
  if (modelProbability !== null && decision && verdict) {
    const w = decision.ruleWeight;
    probability = combinedScore(modelProbability, verdict.met ? 1 : 0, w);
    threshold = decision.threshold;
    source = w === 0 ? 'model' : w === 1 ? 'rule' : 'combined';
  } else if (modelProbability !== null && decision) {
    probability = modelProbability;
    threshold = decision.modelThreshold;
    source = 'model';
  } else if (verdict) {
    probability = verdict.met ? 1 : 0;
    threshold = 0.5;
    source = 'rule';
  } else {
    return null;
  }
  return {
    code,
    probability: round4(probability),
    threshold: round4(threshold),
    present: probability >= threshold,
    source,
    evidence: {
      modelProbability: modelProbability === null ? null : round4(modelProbability),
      rule: verdict?.rule ?? null,
      measurements: verdict ? { ...measurements, ...verdict.measurements } : measurements,
    },
  };
}
