import { describe, expect, it } from 'vitest';
import { beatReport } from '../../../../main/ml/beats/metrics';
import { chooseVariant } from '../../../../main/ml/robust/select';

/** A report with `wrongN` of 100 N beats called S, and `wrongV` of 20 V beats called N. */
function report(wrongN: number, wrongV = 2) {
  return beatReport([
    [100 - wrongN, wrongN, 0, 0, 0],
    [2, 18, 0, 0, 0],
    [wrongV, 0, 20 - wrongV, 0, 0],
    [0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0],
  ]);
}

describe('robust variant choice', () => {
  const adv = (epsilon: number) => ({ epsilon, steps: 3, fraction: 0.5 });
  it('takes the most robust variant among those within 1 point clean', () => {
    const c = chooseVariant(report(2), [
      { adversarial: adv(0.05), clean: report(2), attacked: report(30) },
      { adversarial: adv(0.1), clean: report(10), attacked: report(5) },
      { adversarial: adv(0.02), clean: report(2), attacked: report(40) },
    ]);
    expect([c.withinTolerance, c.chosen.adversarial.epsilon]).toEqual([true, 0.05]);
  });

  it('otherwise takes the best clean macro F1', () => {
    const c = chooseVariant(report(0), [
      { adversarial: adv(0.05), clean: report(12), attacked: report(30) },
      { adversarial: adv(0.1), clean: report(20), attacked: report(5) },
    ]);
    expect([c.withinTolerance, c.chosen.adversarial.epsilon]).toEqual([false, 0.05]);
  });
});
