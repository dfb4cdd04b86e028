/**
 * The DS1 hold-out decision between adversarial-training variants (ε used in training, share of
 * adversarial examples per batch). The issue asks for clean accuracy within 1 point of the
 * standard model and as much accuracy under attack as possible, so: among variants whose clean
 * accuracy and macro F1 (N, S, V) on the hold-out stay within `tolerance` of the standard
 * model's, the one with the highest accuracy under the reference attack; if none does, the one
 * with the highest clean macro F1 (the smallest clean loss).
 */
import type { BeatReport } from '../beats/metrics';
import { validationScore } from '../beats/train';
import type { AdversarialOptions } from './adversarial';

export interface Variant {
  adversarial: AdversarialOptions;
  clean: BeatReport;
  attacked: BeatReport;
}

export function chooseVariant<V extends Variant>(
  standardClean: BeatReport,
  variants: V[],
  tolerance = 0.01,
): { chosen: V; withinTolerance: boolean } {
  if (variants.length === 0) throw new Error('no variants');
  const ok = variants.filter(
    (v) =>
      v.clean.accuracy >= standardClean.accuracy - tolerance &&
      validationScore(v.clean) >= validationScore(standardClean) - tolerance,
  );
  const chosen =
    ok.length > 0
      ? ok.reduce((a, b) => (b.attacked.accuracy > a.attacked.accuracy ? b : a))
      : variants.reduce((a, b) => (validationScore(b.clean) > validationScore(a.clean) ? b : a));
  return { chosen, withinTolerance: ok.length > 0 };
}
