/**
 * QRS detection on one lead or several (fused), at any rate from 100 Hz to 1 kHz.
 *
 * Pipeline (all offline, zero phase): per-lead QRS envelope (band-pass 5-18 Hz, slope, RMS
 * over 120 ms) -> per-lead normalisation by the local QRS scale and averaging -> candidate
 * peaks -> adaptive-threshold decision with refractory period, T-wave rejection and
 * searchback -> fiducial on the analysed lead (largest absolute deflection of the
 * baseline-free signal in the QRS region). Everything is parameterised in ms/Hz, so no
 * resampling is needed: filters are designed for the record's own rate and the fiducials are
 * reported in the record's own samples.
 */
import { removeBaselineWander } from '../filters/baseline';
import { qrsEnvelope, sanitize, type EnvelopeOptions } from './envelope';
import { fuseByActivity, fuseByQuality } from './fuse';
import { decideBeats, findCandidates, type DecisionOptions } from './decide';
import { refineFiducials } from './fiducial';

const EDGE_GUARD_MS = 120;

export interface QrsOptions extends DecisionOptions {
  envelope?: EnvelopeOptions;
  /** Index (in `leads`) of the lead the fiducial is placed on. Default 0. */
  fiducialLead?: number;
  /** Leads used for detection (indices); default all. */
  detectionLeads?: readonly number[];
  twoPass?: boolean;
  withActivity?: boolean;
  /** Candidates must dominate +- this many ms of the envelope. Default 100. */
  candidateHalfWidthMs?: number;
}

export interface QrsDetection {
  /** Fiducial (main deflection) of each QRS, in the record's samples, ascending. */
  samples: Int32Array;
  /** Peak of the fused envelope for each QRS (centre of the complex), same order. */
  envelopePeaks: Int32Array;
  /** Envelope amplitude at each detection, in units of the local typical QRS (~1). */
  strength: Float32Array;
  /** 1 where the beat was found by searchback (below the normal threshold), else 0. */
  searchback: Uint8Array;
  /** The fused envelope, for display and for delineation. */
  envelope: Float32Array;
  fsHz: number;
}

export function detectQrs(leads: readonly Float32Array[], fsHz: number, opts: QrsOptions = {}): QrsDetection {
  if (leads.length === 0) throw new RangeError('detectQrs needs at least one lead');
  if (!(fsHz >= 50)) throw new RangeError(`detectQrs needs fs >= 50 Hz, got ${fsHz}`);
  const n = leads[0].length;
  const use = opts.detectionLeads ?? leads.map((_, i) => i);
  const envs = use.map((i) => qrsEnvelope(leads[i], fsHz, opts.envelope));
  const half = Math.max(1, Math.round(((opts.candidateHalfWidthMs ?? 100) * fsHz) / 1000));
  // A complex whose centre is within a QRS duration of either end is cut by the record's
  // edge: it cannot be delineated or classified, and reference annotators do not mark it.
  const edge = Math.round((EDGE_GUARD_MS * fsHz) / 1000);
  const decide = (f: Float32Array) =>
    decideBeats(
      findCandidates(f, half).filter((c) => c.sample >= edge && c.sample < n - edge),
      fsHz,
      opts,
    );
  let fused: Float32Array;
  let beats;
  if (envs.length === 1) {
    fused = envs[0];
    beats = decide(fused);
  } else {
    // Two passes: beats found on the quality-blind fusion tell each lead's local SNR, which
    // then weights the leads for the final detection.
    fused = fuseByActivity(envs, fsHz);
    beats = decide(fused);
    if (opts.twoPass) {
      fused = fuseByQuality(envs, beats.map((b) => b.sample), fsHz, opts.withActivity);
      beats = decide(fused);
    }
  }
  const envelopePeaks = Int32Array.from(beats.map((b) => b.sample));
  const fidLead = opts.fiducialLead ?? 0;
  const x = removeBaselineWander(sanitize(leads[fidLead]), fsHz);
  const samples = n > 0 ? refineFiducials(x, fused, envelopePeaks, fsHz) : new Int32Array(0);
  return {
    samples,
    envelopePeaks,
    strength: Float32Array.from(beats.map((b) => b.amp)),
    searchback: Uint8Array.from(beats.map((b) => (b.searchback ? 1 : 0))),
    envelope: fused,
    fsHz,
  };
}
