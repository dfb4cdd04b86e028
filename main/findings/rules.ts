/**
 * Rule-based evidence for the six Ribeiro codes, from the analysis's measurements and rhythm
 * (main/analysis) and the median beat's QRS morphology (./morphology). Criteria from the
 * clinical definitions; no limit was fitted to data:
 * - 1dAVb: PR > 200 ms, rhythm not atrial fibrillation (PR has no meaning there);
 * - RBBB: QRS ≥ 120 ms; in V1 a predominantly positive QRS ending in an R′, and a terminal S
 *   in V6 or I;
 * - LBBB: QRS ≥ 120 ms; QRS predominantly and terminally negative in V1, predominantly
 *   positive in V6 and I with no terminal S in I;
 * - SB / ST: sinus rhythm (the rhythm analysis found organised atrial activity: SR, SB or
 *   ST) at a mean rate < 60 / > 100 bpm;
 * - AF: the rhythm analysis's atrial fibrillation (irregular RR without P waves at a stable
 *   PR) is the dominant rhythm.
 * A criterion that cannot be checked (a measurement is null) is not met; the rule text says so.
 * The morphology tests are signs (no amplitude limits), chosen among clinical variants on
 * PTB-XL folds 1–8 only. Known weakness: the QRS duration measured at 100 Hz reads long (median 100 ms,
 * 90th percentile 120 ms on normal PTB-XL records), so QRS ≥ 120 ms alone flags many normal
 * records and LBBB's morphology (negative V1, positive I/V6) is also the normal one.
 */
import type { AnalysisResult } from '../analysis/analyze';
import type { RhythmEpisode } from '../analysis/rhythm';
import type { ParsedRecording } from '../formats/types';
import type { RibeiroCode } from '../ml/record/labels';
import { qrsMorphology, type LeadMorphology, type QrsMorphology } from './morphology';

export const PR_LIMIT_MS = 200;
export const QRS_WIDE_MS = 120;
export const BRADY_BPM = 60;
export const TACHY_BPM = 100;

export interface RuleVerdict {
  met: boolean;
  /** The criterion and what was found, for the reviewer. */
  rule: string;
  measurements: Record<string, number | null>;
}

export type RuleVerdicts = Record<RibeiroCode, RuleVerdict>;

const SINUS = new Set(['SR', 'SB', 'ST']);

/** The longest episode of the dominant rhythm: its evidence describes the recording best. */
function dominantEpisode(analysis: AnalysisResult): RhythmEpisode | null {
  const eps = analysis.rhythm.episodes.filter((e) => e.code === analysis.rhythm.dominant);
  return eps.reduce<RhythmEpisode | null>(
    (a, e) => (!a || e.beatCount > a.beatCount ? e : a),
    null,
  );
}

export function evaluateRules(recording: ParsedRecording, analysis: AnalysisResult): RuleVerdicts {
  const m = analysis.measurements;
  const rhythm = analysis.rhythm.dominant;
  const ep = dominantEpisode(analysis);
  const morph = qrsMorphology(recording, analysis);
  const rate = m.heartRateBpm;
  const sinus = SINUS.has(rhythm);
  return {
    '1dAVb': firstDegree(m.prMs, rhythm),
    RBBB: bundleBranch('RBBB', m.qrsMs, morph),
    LBBB: bundleBranch('LBBB', m.qrsMs, morph),
    SB: rateRule('SB', rate, rhythm, sinus),
    ST: rateRule('ST', rate, rhythm, sinus),
    AF: {
      met: rhythm === 'AF',
      rule:
        rhythm === 'AF'
          ? 'irregular RR without organised P waves (rhythm analysis: atrial fibrillation)'
          : `rhythm analysis: ${analysis.rhythm.label}`,
      measurements: {
        rrIrregularity: ep?.evidence.rrIrregularity ?? null,
        pWaveFraction: ep?.evidence.pWaveFraction ?? null,
        prSdMs: ep?.evidence.prSdMs ?? null,
        heartRateBpm: rate,
      },
    },
  };
}

function firstDegree(prMs: number | null, rhythm: string): RuleVerdict {
  const measurements = { prMs };
  if (rhythm === 'AF')
    return { met: false, rule: 'PR not assessed in atrial fibrillation', measurements };
  if (prMs === null) return { met: false, rule: 'PR not measurable', measurements };
  const met = prMs > PR_LIMIT_MS;
  return { met, rule: `PR ${prMs} ms ${met ? '>' : '≤'} ${PR_LIMIT_MS} ms`, measurements };
}

function rateRule(
  code: 'SB' | 'ST',
  rate: number | null,
  rhythm: string,
  sinus: boolean,
): RuleVerdict {
  const measurements = { heartRateBpm: rate };
  const limit = code === 'SB' ? `< ${BRADY_BPM}` : `> ${TACHY_BPM}`;
  if (rate === null) return { met: false, rule: 'heart rate not measurable', measurements };
  if (!sinus)
    return { met: false, rule: `not sinus rhythm (${rhythm}), ${rate} bpm`, measurements };
  const met = code === 'SB' ? rate < BRADY_BPM : rate > TACHY_BPM;
  return {
    met,
    rule: `sinus rhythm at ${rate} bpm (${met ? '' : 'not '}${limit} bpm)`,
    measurements,
  };
}

function bundleBranch(
  code: 'RBBB' | 'LBBB',
  qrsMs: number | null,
  morph: QrsMorphology | null,
): RuleVerdict {
  const v1 = morph?.V1 ?? null;
  const v6 = morph?.V6 ?? null;
  const i = morph?.I ?? null;
  const measurements = {
    qrsMs,
    v1TerminalMv: v1?.terminalMv ?? null,
    v1NetMv: v1?.netMv ?? null,
    v6TerminalMv: v6?.terminalMv ?? null,
    v6NetMv: v6?.netMv ?? null,
    iTerminalMv: i?.terminalMv ?? null,
    iNetMv: i?.netMv ?? null,
  };
  if (qrsMs === null) return { met: false, rule: 'QRS duration not measurable', measurements };
  if (qrsMs < QRS_WIDE_MS)
    return { met: false, rule: `QRS ${qrsMs} ms < ${QRS_WIDE_MS} ms`, measurements };
  if (!v1 || !v6 || !i)
    return { met: false, rule: `QRS ${qrsMs} ms, V1/V6/I morphology not measurable`, measurements };
  const met = code === 'RBBB' ? rbbbMorphology(v1, v6, i) : lbbbMorphology(v1, v6, i);
  const want =
    code === 'RBBB'
      ? 'positive QRS with terminal R′ in V1, terminal S in V6 or I'
      : 'negative QRS in V1, positive QRS in V6 and I without terminal S in I';
  return {
    met,
    rule: `QRS ${qrsMs} ms ≥ ${QRS_WIDE_MS} ms; ${met ? '' : 'not: '}${want}`,
    measurements,
  };
}

/** rsR′ in V1 (late anterior forces), slurred S in the lateral leads. */
function rbbbMorphology(v1: LeadMorphology, v6: LeadMorphology, i: LeadMorphology): boolean {
  return v1.terminalMv > 0 && v1.netMv > 0 && (v6.terminalMv < 0 || i.terminalMv < 0);
}

/** QS/rS in V1, broad R in I and V6 (activation from right to left, no septal Q or S). */
function lbbbMorphology(v1: LeadMorphology, v6: LeadMorphology, i: LeadMorphology): boolean {
  return v1.netMv < 0 && v1.terminalMv < 0 && i.netMv > 0 && v6.netMv > 0 && i.terminalMv >= 0;
}
