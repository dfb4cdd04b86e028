/**
 * Beat classes in their rhythm's context: inside sustained atrial fibrillation no beat is a
 * "supraventricular premature" beat. AAMI/MIT-BIH label every conducted beat in AF as N; the
 * intervals are irregular by definition, so prematurity — the model's main evidence for S —
 * means nothing there, and an S call would only send the reader after hundreds of false
 * ectopics. Ventricular beats in AF stay ventricular.
 *
 * "Sustained" follows the clinical definition of an AF episode: at least 30 s (ESC 2020 AF
 * guideline). Shorter stretches that the rhythm analysis calls AF are more often sinus rhythm
 * broken up by frequent ectopics; on the training records (MIT-BIH DS1) episodes of ≥ 30 s
 * contained 8 of the 944 S beats (episodes of any length: 76), so the rule costs little
 * sensitivity (`npx tsx scripts/af-episodes-ds1.ts`, DS1 only).
 */
import type { AnalysisResult } from './analyze';
import { pickAnalysedLead } from './analyze';
import type { BeatClass, BeatClassifier, ClassifiedBeat } from './classifier';
import type { RhythmResult } from './rhythm';
import type { ParsedRecording } from '../formats/types';

export const SUSTAINED_AF_S = 30;

/**
 * S beats inside sustained AF episodes become the most probable of the other classes; their
 * probabilities are renormalised without S (so confidence stays a probability).
 */
export function applyRhythmContext(
  classes: readonly ClassifiedBeat[],
  beatSamples: ArrayLike<number>,
  rhythm: RhythmResult,
  fsHz: number,
): ClassifiedBeat[] {
  const af = rhythm.episodes.filter(
    (e) => e.code === 'AF' && (e.endSample - e.startSample) / fsHz >= SUSTAINED_AF_S,
  );
  if (af.length === 0) return [...classes];
  const inAf = (s: number): boolean => af.some((e) => s >= e.startSample && s <= e.endSample);
  return classes.map((c, i) => (c.label === 'S' && inAf(beatSamples[i]) ? withoutS(c) : c));
}

function withoutS(c: ClassifiedBeat): ClassifiedBeat {
  const rest = 1 - c.probs.S;
  const probs = { ...c.probs, S: 0 };
  let label: BeatClass = 'N';
  for (const k of Object.keys(probs) as BeatClass[]) {
    probs[k] = rest > 0 ? probs[k] / rest : k === 'N' ? 1 : 0;
    if (probs[k] > probs[label]) label = k;
  }
  return { label, confidence: probs[label], probs };
}

/** The analysed lead's beats classified, then put in their rhythm context. */
export async function classifyInContext(
  classifier: BeatClassifier,
  recording: ParsedRecording,
  analysis: AnalysisResult,
  beatSamples: Int32Array,
): Promise<ClassifiedBeat[]> {
  const lead = pickAnalysedLead(analysis.leads, analysis.analysedLead);
  const classes = await classifier.classify(recording, lead, beatSamples);
  return applyRhythmContext(classes, beatSamples, analysis.rhythm, recording.fs);
}
