/**
 * QRS detection on one lead or several (fused), at any rate from 100 Hz to 1 kHz.
 *
 * Pipeline (offline, zero phase):
 * 1. per lead, the QRS envelope (band-pass 5-18 Hz, slope, RMS over 120 ms), computed at
 *    fs / k >= 100 Hz (envelope.ts) — the band-pass leaves nothing above ~20 Hz, so this
 *    "canonical rate" loses nothing and makes the rest k times cheaper;
 * 2. with several leads, fusion in two passes (fuse.ts): an activity-weighted mean finds
 *    most beats; those beats give every lead a local beat-synchronous SNR, which weights the
 *    second fusion — so a lead is used where it is clean and ignored where it is saturated,
 *    flat or full of artefact;
 * 3. candidate peaks (maxima dominating +-100 ms) and the decision (decide.ts): adaptive
 *    threshold, 200 ms refractory period, T-wave rejection, searchback;
 * 4. the fiducial on the analysed lead (fiducial.ts): the largest absolute deflection of the
 *    baseline-free signal within the QRS region, in the record's own samples.
 */
import { removeBaselineWander } from '../filters/baseline';
import { envelopeDecimation, qrsEnvelope, sanitize, type EnvelopeOptions } from './envelope';
import { activityWeights, fuseByActivity, fuseByQuality } from './fuse';
import { decideBeats, findCandidates, type Candidate, type DecisionOptions } from './decide';
import { refineFiducials } from './fiducial';

/**
 * A complex whose centre is within a QRS duration of either end is cut by the record's edge:
 * it cannot be delineated or classified, and reference annotators do not mark it.
 */
const EDGE_GUARD_MS = 120;

export interface QrsOptions extends DecisionOptions {
  envelope?: EnvelopeOptions;
  /** Index (in `leads`) of the lead the fiducial is placed on. Default 0. */
  fiducialLead?: number;
  /**
   * The fiducial lead already baseline-free (e.g. delineation's prepared signal), to save
   * filtering it again. Default: the fiducial lead through removeBaselineWander.
   */
  fiducialSignal?: Float32Array;
  /** Leads used for detection (indices into `leads`); default all. */
  detectionLeads?: readonly number[];
  /** Candidates must dominate +- this many ms of the envelope. Default 100. */
  candidateHalfWidthMs?: number;
}

export interface QrsDetection {
  /** Fiducial (main deflection) of each QRS on the analysed lead, in the record's samples, ascending. */
  samples: Int32Array;
  /** Centre of each QRS (fused-envelope peak), in the record's samples. */
  centers: Int32Array;
  /**
   * Envelope amplitude of each QRS: with several leads, in units of the local typical QRS
   * (~1); with one lead, its RMS slope in mV/s.
   */
  strength: Float32Array;
  /** 1 where the beat was found by searchback (below the normal threshold). */
  searchback: Uint8Array;
  /** The fused envelope, at `envelopeFsHz`. */
  envelope: Float32Array;
  envelopeFsHz: number;
  fsHz: number;
}

export function detectQrs(
  leads: readonly Float32Array[],
  fsHz: number,
  opts: QrsOptions = {},
): QrsDetection {
  if (leads.length === 0) throw new RangeError('detectQrs needs at least one lead');
  if (!(fsHz >= 50)) throw new RangeError(`detectQrs needs fs >= 50 Hz, got ${fsHz}`);
  const n = leads[0].length;
  const k = envelopeDecimation(fsHz);
  const fsEnv = fsHz / k;
  const use = opts.detectionLeads ?? leads.map((_, i) => i);
  const envs = use.map((i) => qrsEnvelope(leads[i], fsHz, opts.envelope));
  const ne = envs[0].length;

  const half = Math.max(1, Math.round(((opts.candidateHalfWidthMs ?? 100) * fsEnv) / 1000));
  const edge = Math.round((EDGE_GUARD_MS * fsEnv) / 1000);
  const decide = (f: Float32Array): Candidate[] =>
    decideBeats(
      findCandidates(f, half).filter((c) => c.sample >= edge && c.sample < ne - edge),
      fsEnv,
      opts,
    );

  let fused: Float32Array;
  let beats: Candidate[];
  if (envs.length === 1) {
    fused = envs[0];
    beats = decide(fused);
  } else {
    const act = envs.map((e) => activityWeights(e, fsEnv));
    const weights = act.map((a) => a.weight);
    const first = decide(
      fuseByActivity(
        act.map((a) => a.normalised),
        weights,
      ),
    );
    fused = fuseByQuality(
      envs,
      weights,
      first.map((b) => b.sample),
      fsEnv,
    );
    beats = decide(fused);
  }

  const peaks = Int32Array.from(beats.map((b) => b.sample));
  const fidLead = opts.fiducialLead ?? 0;
  const x = opts.fiducialSignal ?? removeBaselineWander(sanitize(leads[fidLead]), fsHz);
  const samples = n > 0 ? refineFiducials(x, fused, peaks, fsHz, k) : new Int32Array(0);
  return {
    samples,
    centers: peaks.map((p) => Math.min(n - 1, p * k)),
    strength: Float32Array.from(beats.map((b) => b.amp)),
    searchback: Uint8Array.from(beats.map((b) => (b.searchback ? 1 : 0))),
    envelope: fused,
    envelopeFsHz: fsEnv,
    fsHz,
  };
}
