/**
 * QRS morphology of the median beat in the leads that tell the bundle branch blocks apart
 * (V1, V6, I). The median beat is rebuilt from the analysis's beat positions with the
 * delineator's own code, so the QRS boundaries are the ones the QRS duration was measured on.
 *
 * Per lead, on the baseline-free (delineation-prepared) median template:
 * - terminal: mean amplitude over the last 40 ms of the QRS relative to the QRS end (J point),
 *   i.e. the direction the QRS ends in (mV). Relative to the J point, not the onset, because
 *   a bundle branch block's secondary ST shift moves the J point (the terminal S of LBBB in V1
 *   sits above the onset level). RBBB's late rightward, anterior forces make it positive in V1
 *   (R′) and negative in I and V6 (wide S); LBBB's leftward, posterior activation makes it
 *   negative in V1 and positive in I and V6;
 * - net: mean amplitude over the whole QRS relative to its onset (mV): the sign of the dominant
 *   deflection.
 */
import type { AnalysisResult } from '../analysis/analyze';
import { canonicalLeadName } from '../analysis/measurements';
import { leadMillivolts } from '../analysis/signal';
import { delineateMedianBeat } from '../dsp/delineation';
import type { ParsedRecording } from '../formats/types';

export const MORPHOLOGY_LEADS = ['V1', 'V6', 'I'] as const;
export type MorphologyLead = (typeof MORPHOLOGY_LEADS)[number];

/** Length of the terminal QRS portion, ms (the classic "terminal 40 ms" of the QRS vector). */
export const TERMINAL_MS = 40;

export interface LeadMorphology {
  terminalMv: number;
  netMv: number;
}

export type QrsMorphology = Record<MorphologyLead, LeadMorphology | null>;

const round3 = (v: number): number => Math.round(v * 1000) / 1000;

/** Null when the recording has too few beats for a median beat or its QRS is not delineated. */
export function qrsMorphology(
  recording: ParsedRecording,
  analysis: AnalysisResult,
): QrsMorphology | null {
  const centers = Int32Array.from(analysis.beats, (b) => b.sample);
  if (centers.length < 3) return null;
  const leads = recording.leads.map(leadMillivolts);
  const med = delineateMedianBeat(leads, recording.fs, centers);
  const on = med?.waves.qrsOn ?? null;
  const off = med?.waves.qrsOff ?? null;
  if (!med || on === null || off === null || off <= on) return null;
  const names = recording.leads.map((l) => canonicalLeadName(l.name));
  const terminalStart = Math.max(on, off - Math.round((TERMINAL_MS / 1000) * recording.fs));
  const mean = (x: Float32Array, a: number, b: number, base: number): number => {
    let s = 0;
    for (let i = a; i <= b; i++) s += x[i] - base;
    return s / (b - a + 1);
  };
  const out = {} as QrsMorphology;
  for (const lead of MORPHOLOGY_LEADS) {
    const k = names.indexOf(lead);
    if (k < 0) {
      out[lead] = null;
      continue;
    }
    const x = med.prepared[k].x;
    out[lead] = {
      terminalMv: round3(mean(x, terminalStart, off, x[off])),
      netMv: round3(mean(x, on, off, x[on])),
    };
  }
  return out;
}
